package io.hookline.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schema of one row as a body carries it in {@code data} and {@code previous_data}: the
 * row as PostgreSQL's {@code to_jsonb} writes it, so snake_case column names, {@code etag} (the
 * API's {@code _etag}), numbers of a {@code numeric(p, s)} column with their {@code s} decimals,
 * and instants with their offset. A column type with no mapping here stops the build of the schema
 * rather than guess.
 */
final class RowSchema {

    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(\\d+)\\))?");

    private RowSchema() {
    }

    static Map<String, Object> of(String table, List<ColumnCatalog.Column> columns, ColumnRules rules) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ColumnCatalog.Column column : columns) {
            properties.put(column.name(), column(table, column, rules));
            required.add(column.name());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("type", "object");
        row.put("description", "A row of " + table + " as stored: every column, by its column name.");
        row.put("properties", properties);
        row.put("required", required);
        row.put("additionalProperties", false);
        return row;
    }

    /** A value of the column's type, written the way a body writes it (a numeric(18, 6) one as 1.000000). */
    private static Object example(ColumnCatalog.Column column, Matcher numeric) {
        String type = column.type();
        if (type.equals("bigint") || type.equals("integer") || type.equals("smallint")) {
            return 1;
        }
        if (numeric.matches()) {
            return numeric.group(2) == null ? new BigDecimal("1.5") : BigDecimal.ONE.setScale(Integer.parseInt(numeric.group(2)));
        }
        return switch (type) {
            case "boolean" -> false;
            case "timestamp with time zone" -> "2026-11-29T10:15:30.123456+00:00";
            case "date" -> "2026-11-29";
            case "uuid" -> "3f0c2a4e-8d1b-4c6a-9e2f-5b7d1a0c9e42";
            case "jsonb", "json" -> List.of();
            default -> column.name().equals("etag") ? "5f3c9a0e2b7d4c11" : "example " + column.name().replace('_', ' ');
        };
    }

    private static Map<String, Object> column(String table, ColumnCatalog.Column column, ColumnRules rules) {
        Map<String, Object> schema = new LinkedHashMap<>();
        String type = column.type();
        Matcher numeric = NUMERIC.matcher(type);
        String jsonType;
        if (type.equals("bigint") || type.equals("integer") || type.equals("smallint")) {
            jsonType = "integer";
        } else if (numeric.matches()) {
            jsonType = "number";
            schema.put("description", numeric.group(2) == null
                    ? "A decimal number (numeric), exact as stored; read it as a decimal, not a float."
                    : "A decimal number (numeric(" + numeric.group(1) + ", " + numeric.group(2) + ")), sent with "
                      + numeric.group(2) + " decimals, e.g. 1." + "0".repeat(Integer.parseInt(numeric.group(2)))
                      + "; read it as a decimal, not a float.");
        } else if (type.equals("text") || type.startsWith("character varying")) {
            jsonType = "string";
        } else if (type.equals("boolean")) {
            jsonType = "boolean";
        } else if (type.equals("timestamp with time zone")) {
            jsonType = "string";
            schema.put("format", "date-time");
            schema.put("description", "An instant with its offset, microsecond precision, e.g. 2026-11-29T10:15:30.123456+00:00.");
        } else if (type.equals("date")) {
            jsonType = "string";
            schema.put("format", "date");
        } else if (type.equals("uuid")) {
            jsonType = "string";
            schema.put("format", "uuid");
        } else if (type.equals("jsonb") || type.equals("json")) {
            jsonType = null;
            schema.put("description", "JSON as stored in the column.");
        } else {
            throw new IllegalStateException("no JSON type for column " + table + "." + column.name() + " of type " + type);
        }
        if (jsonType != null) {
            schema.put("type", column.notNull() ? jsonType : List.of(jsonType, "null"));
        }
        schema.put("examples", List.of(example(column, numeric)));
        List<String> allowed = rules.allowedValues(column.name());
        if (!allowed.isEmpty()) {
            schema.put("examples", List.of(allowed.getFirst()));
            List<Object> values = new ArrayList<>(allowed);
            if (!column.notNull()) {
                values.add(null);
            }
            schema.put("enum", values);
        }
        for (ColumnRules.Bound bound : rules.bounds(column.name())) {
            switch (bound.operator()) {
                case ">=" -> schema.put("minimum", bound.value());
                case ">" -> schema.put("exclusiveMinimum", bound.value());
                case "<=" -> schema.put("maximum", bound.value());
                case "<" -> schema.put("exclusiveMaximum", bound.value());
                default -> throw new IllegalStateException("unknown bound " + bound.operator());
            }
        }
        return schema;
    }
}
