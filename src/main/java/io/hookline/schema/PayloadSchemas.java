package io.hookline.schema;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.capture.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema (draft 2020-12) of every resource's webhook body: the envelope of
 * docs/receiving.md, with {@code data} and {@code previous_data} typed from the resource table's
 * columns as the database catalog declares them (see docs/payloads.md, generated from these).
 * Built on first use and kept: the catalog changes only with a migration, that is, a new release.
 */
@Component
public final class PayloadSchemas {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ColumnCatalog catalog;
    private final Map<Resource, Map<String, Object>> schemas = new EnumMap<>(Resource.class);

    public PayloadSchemas(JdbcClient jdbc) {
        this.catalog = new ColumnCatalog(jdbc);
    }

    /** The schema of {@code resource}'s bodies, as JSON text. */
    public String json(Resource resource) {
        return JSON.writeValueAsString(schema(resource));
    }

    /**
     * An example body of {@code resource} for {@code action}, every column filled with its schema's
     * example; {@code overrides} replace values of {@code data} (or {@code previous_data} on DELETE).
     */
    @SuppressWarnings("unchecked")
    public String example(Resource resource, Resource.Action action, Map<String, Object> overrides) {
        Map<String, Object> schema = schema(resource);
        Map<String, Object> rowProperties = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                schema.get("$defs")).get("row")).get("properties");
        Map<String, Object> row = new LinkedHashMap<>();
        rowProperties.forEach((column, columnSchema) ->
                row.put(column, ((List<Object>) ((Map<String, Object>) columnSchema).get("examples")).getFirst()));
        row.putAll(overrides);
        Map<String, Object> before = new LinkedHashMap<>(row);
        List<String> bookkeeping = catalog.bookkeepingColumns();
        String changed = rowProperties.entrySet().stream()
                .filter(c -> !c.getKey().equals("id") && !c.getKey().endsWith("_id") && !c.getKey().endsWith("_at")
                             && !bookkeeping.contains(c.getKey()) && !((Map<String, Object>) c.getValue()).containsKey("enum"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (action == Resource.Action.UPDATE) {
            before.put(changed, switch (row.get(changed)) {
                case String text -> text + " before";
                case java.math.BigDecimal number -> number.add(java.math.BigDecimal.ONE);
                case Integer number -> number + 1;
                case Boolean flag -> !flag;
                default -> null;
            });
        }
        return JSON.writeValueAsString(map(
                "event_id", 123, "subscription_id", 42, "receiver_id", 7, "resource", resource.name(),
                "action", action.name(), "transaction_id", 8812, "occurred_at", "2026-11-29T10:15:30.123Z",
                "data", action == Resource.Action.DELETE ? null : row,
                "previous_data", action == Resource.Action.CREATE ? null : action == Resource.Action.DELETE ? row : before,
                "changed_fields", action == Resource.Action.UPDATE ? List.of(changed) : List.of()));
    }

    /** The schema of the body {@code sendTestWebhookEvent} sends: no resource, a message as its data. */
    public String testEventJson() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("event_id", described("integer", "The test event's id."));
        properties.put("subscription_id", map("type", "null"));
        properties.put("receiver_id", described("integer", "The receiver the test was sent to."));
        properties.put("resource", map("type", "null"));
        properties.put("action", map("type", "null"));
        properties.put("test", map("const", true));
        properties.put("transaction_id", map("type", "null"));
        properties.put("occurred_at", map("type", "string", "format", "date-time"));
        properties.put("data", map("type", "object", "properties", map("message", map("type", "string")),
                "required", List.of("message"), "additionalProperties", false));
        properties.put("previous_data", map("type", "null"));
        properties.put("changed_fields", map("type", "array", "maxItems", 0));
        return JSON.writeValueAsString(map("$schema", DIALECT, "$id", "urn:hookline:payload:TEST",
                "title", "Test webhook payload", "type", "object", "properties", properties,
                "required", List.copyOf(properties.keySet()), "additionalProperties", false));
    }

    /** The schema of {@code resource}'s bodies, as nested maps and lists. */
    public synchronized Map<String, Object> schema(Resource resource) {
        return schemas.computeIfAbsent(resource, this::build);
    }

    private Map<String, Object> build(Resource resource) {
        String table = resource.table();
        List<ColumnCatalog.Column> columns = catalog.columns(table);
        List<String> reportable = new ArrayList<>();
        List<String> bookkeeping = catalog.bookkeepingColumns();
        columns.stream().map(ColumnCatalog.Column::name).filter(c -> !bookkeeping.contains(c)).forEach(reportable::add);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("event_id", described("integer", "The event's id; the webhook-id header is evt_{event_id}, the same on every retry."));
        properties.put("subscription_id", described("integer", "The subscription that matched the change."));
        properties.put("receiver_id", described("integer", "The receiver this event is for."));
        properties.put("resource", map("const", resource.name(), "description", "The resource that changed."));
        properties.put("action", map("enum", List.of("CREATE", "UPDATE", "DELETE"), "description", "What happened to the row."));
        properties.put("transaction_id", described("integer", "The PostgreSQL transaction of the change; changes committed together share it."));
        properties.put("occurred_at", map("type", "string", "format", "date-time",
                "description", "When the change was made, UTC with milliseconds, e.g. 2026-11-29T10:15:30.123Z."));
        properties.put("data", map("anyOf", List.of(ref(), map("type", "null")),
                "description", "The row after the change; null on DELETE."));
        properties.put("previous_data", map("anyOf", List.of(ref(), map("type", "null")),
                "description", "The row before the change on UPDATE and DELETE; null on CREATE."));
        properties.put("changed_fields", map("type", "array", "items", map("enum", reportable), "uniqueItems", true,
                "description", "On UPDATE the columns whose value changed, sorted (never " + String.join(" or ", bookkeeping)
                               + "); empty on CREATE and DELETE."));

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("$id", "urn:hookline:payload:" + resource.name());
        schema.put("title", resource.name() + " webhook payload");
        schema.put("description", "The body of a webhook for a change of a row of " + table + ".");
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(properties.keySet()));
        schema.put("additionalProperties", false);
        schema.put("allOf", List.of(
                action("CREATE", ref(), map("type", "null"), map("maxItems", 0)),
                action("UPDATE", ref(), ref(), map("minItems", 1)),
                action("DELETE", map("type", "null"), ref(), map("maxItems", 0))));
        schema.put("$defs", map("row", RowSchema.of(table, columns, new ColumnRules(catalog.checks(table)))));
        return schema;
    }

    private static Map<String, Object> action(String action, Object data, Object previous, Object changedFields) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("data", data);
        properties.put("previous_data", previous);
        properties.put("changed_fields", changedFields);
        return map("if", map("properties", map("action", map("const", action))), "then", map("properties", properties));
    }

    private static Map<String, Object> ref() {
        return map("$ref", "#/$defs/row");
    }

    /** An ordered map from alternating keys and values, so the schema's text is the same on every build. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> described(String type, String description) {
        return map("type", type, "description", description);
    }
}
