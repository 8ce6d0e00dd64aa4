package io.hookline.api;

/**
 * A column a list may be sorted by: its SQL expression and type (for comparing with a cursor's
 * value), and the public name written into cursors so a cursor from another sort is refused.
 * The column must be non-null.
 */
public record SortKey(String name, String column, String sqlType) {
}
