package io.hookline.capture;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every webhookable resource: its public name (the reference's plural), the singular spelling
 * newer clients send, and the table whose changes it reports. A table becomes webhookable by a
 * migration that calls {@code make_webhookable(table, resource)}; this list is the API's side.
 */
public enum Resource {
    LOCATIONS("LOCATION", "locations"),
    PARTS("PART", "parts"),
    PART_INVENTORIES("PART_INVENTORY", "part_inventories"),
    PROCEDURES("PROCEDURE", "procedures"),
    RUNS("RUN", "runs"),
    RUN_STEPS("RUN_STEP", "run_steps"),
    RUN_STEP_FIELD_VALUES("RUN_STEP_FIELD_VALUE", "run_step_field_values"),
    ISSUES("ISSUE", "issues"),
    PURCHASE_ORDERS("PURCHASE_ORDER", "purchase_orders"),
    PURCHASE_ORDER_LINES("PURCHASE_ORDER_LINE", "purchase_order_lines"),
    RECEIPTS("RECEIPT", "receipts"),
    FILE_ATTACHMENTS("FILE_ATTACHMENT", "file_attachments");

    private final String singular;
    private final String table;

    Resource(String singular, String table) {
        this.singular = singular;
        this.table = table;
    }

    public String singular() {
        return singular;
    }

    public String table() {
        return table;
    }

    /** Accepts the plural name or its deprecated singular alias, in any case. */
    public static Optional<Resource> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(upper) || r.singular.equals(upper)).findFirst();
    }

    public enum Action { CREATE, UPDATE, DELETE }
}
