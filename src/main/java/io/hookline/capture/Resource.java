package io.hookline.capture;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every webhookable resource: its public name (the reference's plural), the singular spelling
 * newer clients send, and the table whose changes it reports. This is the one list of resources
 * (docs/adding-a-resource.md): the manufacturing tables and their GraphQL types derive from it, and
 * ResourceRegistryTest fails where the schema's {@code ResourceEnum} or the migrations'
 * {@code make_webhookable(table, resource)} calls say otherwise.
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

    /** The GraphQL object type of the resource's rows: the singular in PascalCase ({@code RunStep}). */
    public String typeName() {
        StringBuilder type = new StringBuilder();
        for (String word : singular.split("_")) {
            type.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return type.toString();
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
