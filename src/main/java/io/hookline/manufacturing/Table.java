package io.hookline.manufacturing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hookline.capture.Resource;
import io.hookline.query.SortKey;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * A manufacturing table as {@link Rows} needs it: its SQL name, the name users see in messages,
 * how a row is read, and the columns a list may be sorted by (ID, CREATED_AT and UPDATED_AT always).
 *
 * @param duplicate what a unique-constraint violation means, in the user's words
 */
public record Table<T extends Row>(String name, String label, RowMapper<T> mapper, Map<String, SortKey> sorts,
                                   String duplicate) {

    /** The resource's table, whose rows map onto the record's components by column name (snake_case to camelCase). */
    public static <T extends Row> Table<T> of(Resource resource, Class<T> type) {
        return of(resource, new DataClassRowMapper<>(type));
    }

    /** The resource's table; users see it named as its GraphQL type. */
    public static <T extends Row> Table<T> of(Resource resource, RowMapper<T> mapper) {
        return of(resource.table(), resource.typeName(), mapper);
    }

    private static <T extends Row> Table<T> of(String name, String label, RowMapper<T> mapper) {
        Map<String, SortKey> sorts = SortKey.byName(SortKey.ID, SortKey.CREATED_AT, SortKey.UPDATED_AT);
        return new Table<>(name, label, mapper, Map.copyOf(sorts), label + " already exists");
    }

    /** Adds a sort field on a non-null column. */
    public Table<T> sortable(String field, String column, String sqlType) {
        Map<String, SortKey> more = new LinkedHashMap<>(sorts);
        more.put(field, new SortKey(field, column, sqlType));
        return new Table<>(name, label, mapper, Map.copyOf(more), duplicate);
    }

    public Table<T> duplicateMeans(String message) {
        return new Table<>(name, label, mapper, sorts, message);
    }
}
