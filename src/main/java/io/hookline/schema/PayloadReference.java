package io.hookline.schema;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.hookline.capture.Resource;

/**
 * Writes docs/payloads.md from the payload schemas: one section per resource with every column
 * of {@code data}, its JSON type, whether it may be null, its allowed values, and an example body.
 * The page is generated, never edited by hand; a test fails when the committed page differs.
 */
public final class PayloadReference {

    private PayloadReference() {
    }

    public static String markdown(PayloadSchemas schemas) {
        StringBuilder page = new StringBuilder("""
                # Payload reference

                <!-- Generated from the payload schemas by PayloadReference; do not edit. Regenerate with
                     ./mvnw test -Dtest=PayloadReferenceTest -Dhookline.regenerate-docs=true -->

                Every webhook body is one JSON object: the envelope below, with `data` and `previous_data`
                holding the changed row **exactly as stored**: column names in snake_case, `etag` (the API's
                `_etag`), decimals with all the digits of their column (`1.000000` for a `numeric(18, 6)`),
                instants with their offset and microseconds. The JSON Schema (draft 2020-12) of each
                resource's bodies is served by the API, and every body Hookline sends validates against it:

                ```graphql
                { webhookPayloadSchema(resource: RUNS) }
                ```

                An example body of each resource and action, like the UPDATE examples below, is served too,
                `{ webhookPayloadExample(resource: RUNS, action: DELETE) }`; the console shows both on each
                subscription ([console.md](console.md)).

                ## The envelope

                | field | type | meaning |
                | --- | --- | --- |
                """);
        Map<String, Object> envelope = properties(schemas.schema(Resource.RUNS));
        envelope.forEach((field, schema) -> page.append("| `").append(field).append("` | ")
                .append(field.equals("resource") ? "string" : type(schema)).append(" | ")
                .append(text(schema, "description")).append(" |\n"));
        page.append("""

                By action:

                | action | `data` | `previous_data` | `changed_fields` |
                | --- | --- | --- | --- |
                | `CREATE` | the new row | `null` | `[]` |
                | `UPDATE` | the row after | the row before | the columns that changed, sorted, at least one |
                | `DELETE` | `null` | the deleted row | `[]` |

                An update that changes no column sends nothing. A test webhook (`sendTestWebhookEvent`) has
                `"test": true`, `null` resource, action and subscription, and `data: {"message": …}`.
                """);
        for (Resource resource : Resource.values()) {
            Map<String, Object> schema = schemas.schema(resource);
            page.append("\n## ").append(resource.name()).append("\n\n")
                    .append(text(schema, "description")).append(" Also accepted as `").append(resource.singular())
                    .append("` (deprecated).\n\n| column | type | null | values |\n| --- | --- | --- | --- |\n");
            rowProperties(schema).forEach((column, columnSchema) -> page.append("| `").append(column).append("` | ")
                    .append(type(columnSchema)).append(" | ").append(nullable(columnSchema) ? "yes" : "no").append(" | ")
                    .append(values(columnSchema)).append(" |\n"));
            page.append("\nAn UPDATE example:\n\n```json\n")
                    .append(schemas.example(resource, Resource.Action.UPDATE, Map.of())).append("\n```\n");
        }
        return page.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rowProperties(Map<String, Object> schema) {
        return properties((Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("row"));
    }

    @SuppressWarnings("unchecked")
    private static String type(Object schema) {
        Map<String, Object> s = (Map<String, Object>) schema;
        Object type = s.get("type");
        String base = type instanceof List<?> list ? (String) list.getFirst() : (String) type;
        if (base == null) {
            return s.containsKey("anyOf") ? "object or null" : s.containsKey("enum") ? "string" : "any JSON";
        }
        return s.containsKey("format") ? base + " (" + s.get("format") + ")" : base;
    }

    @SuppressWarnings("unchecked")
    private static boolean nullable(Object schema) {
        return ((Map<String, Object>) schema).get("type") instanceof List<?> types && types.contains("null");
    }

    @SuppressWarnings("unchecked")
    private static String values(Object schema) {
        Map<String, Object> s = (Map<String, Object>) schema;
        StringBuilder values = new StringBuilder();
        if (s.get("enum") instanceof List<?> allowed) {
            values.append(allowed.stream().filter(v -> v != null).map(v -> "`" + v + "`").collect(Collectors.joining(", ")));
        }
        bound(values, s, "minimum", "≥ ");
        bound(values, s, "exclusiveMinimum", "> ");
        bound(values, s, "maximum", "≤ ");
        bound(values, s, "exclusiveMaximum", "< ");
        if (s.containsKey("description")) {
            values.append(values.isEmpty() ? "" : "; ").append(s.get("description"));
        }
        return values.toString();
    }

    private static void bound(StringBuilder values, Map<String, Object> schema, String key, String symbol) {
        if (schema.containsKey(key)) {
            values.append(values.isEmpty() ? "" : "; ").append(symbol).append(schema.get(key));
        }
    }

    private static String text(Object schema, String key) {
        Object value = ((Map<?, ?>) schema).get(key);
        return value == null ? "" : value.toString();
    }
}
