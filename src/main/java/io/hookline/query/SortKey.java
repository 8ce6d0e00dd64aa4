package io.hookline.query;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A column a list may be sorted by: its SQL expression and type (for comparing with a cursor's
 * value), and the public name written into cursors so a cursor from another sort is refused.
 * The column must be non-null.
 */
public record SortKey(String name, String column, String sqlType) {

    public static final SortKey ID = new SortKey("ID", "id", "bigint");
    public static final SortKey CREATED_AT = new SortKey("CREATED_AT", "created_at", "timestamptz");
    public static final SortKey UPDATED_AT = new SortKey("UPDATED_AT", "updated_at", "timestamptz");

    /** The keys by their public name, in the order given. */
    public static Map<String, SortKey> byName(SortKey... keys) {
        Map<String, SortKey> byName = new LinkedHashMap<>();
        Arrays.stream(keys).forEach(key -> byName.put(key.name(), key));
        return byName;
    }
}
