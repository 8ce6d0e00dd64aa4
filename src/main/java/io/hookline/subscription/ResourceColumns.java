package io.hookline.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.hookline.capture.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fields a filter may test: the columns of the resource's table, which are exactly the keys
 * of an event's {@code data}. Read from the database's catalog, the one source, once per resource.
 */
@Repository
class ResourceColumns {

    /** How a column's values appear in {@code data}, which decides how a filter compares them. */
    enum Kind { NUMBER, BOOLEAN, TEXT, JSON }

    private final JdbcClient jdbc;
    private final Map<Resource, Map<String, Kind>> byResource = new ConcurrentHashMap<>();
    private volatile List<String> bookkeeping;

    ResourceColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Column name to kind, in the table's column order. */
    Map<String, Kind> of(Resource resource) {
        return byResource.computeIfAbsent(resource, this::read);
    }

    /** Columns that change on every write and are never in changed_fields. */
    List<String> bookkeeping() {
        if (bookkeeping == null) {
            bookkeeping = jdbc.sql("select unnest(change_bookkeeping_columns())").query(String.class).list();
        }
        return bookkeeping;
    }

    private Map<String, Kind> read(Resource resource) {
        Map<String, Kind> columns = new LinkedHashMap<>();
        jdbc.sql("""
                        select column_name, data_type from information_schema.columns
                        where table_schema = current_schema() and table_name = :table
                        order by ordinal_position
                        """)
                .param("table", resource.table())
                .query(rs -> {
                    columns.put(rs.getString("column_name"), kind(rs.getString("data_type")));
                });
        if (columns.isEmpty()) {
            throw new IllegalStateException("No columns found for table " + resource.table() + " of " + resource);
        }
        return columns;
    }

    private static Kind kind(String dataType) {
        return switch (dataType) {
            case "bigint", "integer", "smallint", "numeric", "real", "double precision" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "json", "jsonb", "ARRAY" -> Kind.JSON;
            default -> Kind.TEXT;
        };
    }
}
