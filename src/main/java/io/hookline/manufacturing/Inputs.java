package io.hookline.manufacturing;

import java.math.BigDecimal;
import java.util.List;

import io.hookline.api.ApiException;

/** Checks on input fields, each failing with BAD_USER_INPUT that names the field. */
public final class Inputs {

    public static final int MAX_TEXT = 2000;

    private Inputs() {
    }

    public static long id(Long id) {
        if (id == null) {
            throw ApiException.badInput("id is required");
        }
        return id;
    }

    public static String etag(String etag) {
        return io.hookline.api.Inputs.requireEtag(etag);
    }

    /** A required, non-blank text, trimmed. */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badInput(field + " is required and must not be blank");
        }
        return optionalText(field, value);
    }

    /** An optional text, trimmed; blank means none. */
    public static String optionalText(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.badInput(field + " must be at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.badInput(field + " is required");
        }
        return value;
    }

    /** Quantities and prices are never negative. */
    public static BigDecimal nonNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw ApiException.badInput(field + " must not be negative, not " + value.toPlainString());
        }
        return value;
    }

    /** Digits after the point a price keeps: its column is {@code numeric(18, 4)}. */
    public static final int PRICE_FRACTION_DIGITS = 4;

    /** A non-negative price of at most {@value #PRICE_FRACTION_DIGITS} decimals: more would be rounded, so it is refused. */
    public static BigDecimal price(String field, BigDecimal value) {
        nonNegative(field, value);
        if (value != null && value.stripTrailingZeros().scale() > PRICE_FRACTION_DIGITS) {
            throw ApiException.badInput(field + " '" + value.toPlainString() + "' is too precise: a price has at most "
                    + PRICE_FRACTION_DIGITS + " digits after the point");
        }
        return value;
    }

    public static BigDecimal positive(String field, BigDecimal value) {
        required(field, value);
        if (value.signum() <= 0) {
            throw ApiException.badInput(field + " must be greater than zero, not " + value.toPlainString());
        }
        return value;
    }

    /** The name of an enum argument for SQL, or null when the filter was not given. */
    public static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** The names of an enum-list filter for {@code in (:param)}, or null when none were given. */
    public static List<String> names(List<? extends Enum<?>> values) {
        return values == null || values.isEmpty() ? null : values.stream().map(Enum::name).toList();
    }

    /** Text for {@code ilike '%' || :param || '%'}, with the pattern characters taken literally. */
    public static String like(String text) {
        return text == null ? null : text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
