package io.hookline.query;

import java.util.Map;

import io.hookline.api.ApiException;

/**
 * The {@code sort} argument of every list: {@code field} is a value of the list's sort-field enum,
 * {@code direction} ASC or DESC. Either may be left out.
 */
public record ListSort(String field, SortDirection direction) {

    /** The key to sort by, ID when none is given; a field the list does not offer is BAD_USER_INPUT. */
    public static SortKey key(ListSort sort, Map<String, SortKey> offered, String list) {
        String field = sort == null || sort.field() == null ? SortKey.ID.name() : sort.field();
        SortKey key = offered.get(field);
        if (key == null) {
            throw ApiException.badInput("sort.field: " + list + " sort by one of " + offered.keySet());
        }
        return key;
    }

    public static SortDirection direction(ListSort sort, SortDirection fallback) {
        return sort == null || sort.direction() == null ? fallback : sort.direction();
    }
}
