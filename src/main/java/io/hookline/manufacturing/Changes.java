package io.hookline.manufacturing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns one insert or update writes, built from input fields in the order they are checked,
 * so the first bad field is the error. One declaration of a resource's fields serves both: an
 * update skips the fields its input left out (null), an insert checks every one, so a required
 * field missing from a create is BAD_USER_INPUT and an optional one is written as null (or its
 * fallback). A field's column is its name in snake_case ({@code unitOfMeasure}: {@code unit_of_measure}).
 */
public final class Changes {

    private final boolean insert;
    private final Map<String, Object> columns = new LinkedHashMap<>();

    private Changes(boolean insert) {
        this.insert = insert;
    }

    public static Changes forInsert() {
        return new Changes(true);
    }

    public static Changes forUpdate() {
        return new Changes(false);
    }

    /** The field's column gets {@code check(value)}; on update only when the input has it. */
    public <V> Changes field(String field, V value, Function<? super V, ?> check) {
        if (value != null || insert) {
            columns.put(column(field), check.apply(value));
        }
        return this;
    }

    /** Like {@link #field(String, Object, Function)}, but an insert without the field writes {@code fallback}. */
    public <V> Changes field(String field, V value, Object fallback, Function<? super V, ?> check) {
        if (value == null && insert) {
            columns.put(column(field), fallback);
            return this;
        }
        return field(field, value, check);
    }

    /** The field as given (enums, flags, plain numbers). */
    public Changes value(String field, Object value) {
        return field(field, value, v -> v);
    }

    public Changes requiredValue(String field, Object value) {
        return field(field, value, v -> Inputs.required(field, v));
    }

    /** A non-blank text, trimmed. */
    public Changes text(String field, String value) {
        return field(field, value, v -> Inputs.text(field, v));
    }

    /** A text, trimmed; blank clears it. */
    public Changes optionalText(String field, String value) {
        return field(field, value, v -> Inputs.optionalText(field, v));
    }

    /** A column no input field names (who, when, a derived value): always written. */
    public Changes set(String column, Object value) {
        columns.put(column, value);
        return this;
    }

    public Changes setAll(Map<String, ?> more) {
        columns.putAll(more);
        return this;
    }

    public boolean isInsert() {
        return insert;
    }

    /** The value this change writes to {@code column}, or {@code current} where it leaves it. */
    @SuppressWarnings("unchecked")
    public <V> V valueOr(String column, V current) {
        return columns.containsKey(column) ? (V) columns.get(column) : current;
    }

    public Map<String, Object> columns() {
        return Collections.unmodifiableMap(columns);
    }

    static String column(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
