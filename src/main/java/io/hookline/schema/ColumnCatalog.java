package io.hookline.schema;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what PostgreSQL itself knows about a resource's table: its columns, their types and
 * nullability, and its check constraints. The payload schemas are built from this and nothing
 * else, so they cannot drift from the rows the triggers capture.
 */
final class ColumnCatalog {

    /** One column as the catalog declares it, e.g. {@code quantity}, {@code numeric(18,6)}, nullable. */
    record Column(String name, String type, boolean notNull) {
    }

    private final JdbcClient jdbc;

    ColumnCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The table's columns in declaration order, as {@code to_jsonb(row)} writes them into a body. */
    List<Column> columns(String table) {
        List<Column> columns = jdbc.sql("""
                        select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
                        from pg_attribute a
                        where a.attrelid = cast(:table as regclass) and a.attnum > 0 and not a.attisdropped
                        order by a.attnum
                        """)
                .param("table", table)
                .query((rs, n) -> new Column(rs.getString("name"), rs.getString("type"), rs.getBoolean("not_null")))
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("table " + table + " has no columns in the catalog");
        }
        return columns;
    }

    /** The table's check constraints as PostgreSQL prints them, e.g. {@code CHECK ((quantity >= (0)::numeric))}. */
    List<String> checks(String table) {
        return jdbc.sql("""
                        select pg_get_constraintdef(c.oid) from pg_constraint c
                        where c.conrelid = cast(:table as regclass) and c.contype = 'c'
                        order by c.conname
                        """)
                .param("table", table).query(String.class).list();
    }

    /** The columns a change never reports in {@code changed_fields}: the capture's own list. */
    List<String> bookkeepingColumns() {
        return jdbc.sql("select unnest(change_bookkeeping_columns())").query(String.class).list();
    }
}
