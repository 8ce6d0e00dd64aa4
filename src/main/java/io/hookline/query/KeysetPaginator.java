package io.hookline.query;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keyset pagination: a page starts after the (sort value, id) of the cursor, so rows inserted
 * between two page loads never shift or repeat what the client sees, and deep pages cost the
 * same as the first.
 */
public final class KeysetPaginator {

    private final JdbcClient jdbc;

    public KeysetPaginator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param select  the columns the mapper reads, e.g. {@code "r.*"}
     * @param from    the FROM clause, e.g. {@code "webhook_receivers r"}
     * @param idColumn the unique tie-breaker, e.g. {@code "r.id"}
     */
    public <T> Connection<T> page(String select, String from, String idColumn, SqlFilter filter, SortKey sort,
                                  SortDirection direction, PageArgs args, RowMapper<T> mapper) {
        Cursor cursor = args.cursor() == null ? null : Cursor.decode(args.cursor(), sort);
        // Walking backward reads the list in reverse order from the cursor, then flips the page.
        boolean ascending = (direction == SortDirection.ASC) != args.backward();
        String order = ascending ? "asc" : "desc";
        String keyset = "(" + sort.column() + ", " + idColumn + ")";
        String cursorValue = "(cast(:cursorValue as " + sort.sqlType() + "), :cursorId)";

        Map<String, Object> params = new HashMap<>(filter.params());
        String where = filter.sql();
        if (cursor != null) {
            where += " and " + keyset + (ascending ? " > " : " < ") + cursorValue;
            params.put("cursorValue", cursor.value());
            params.put("cursorId", cursor.id());
        }
        String sql = "select " + select + ", " + sort.column() + "::text as cursor_value, " + idColumn
                + " as cursor_id from " + from + " where " + where
                + " order by " + sort.column() + " " + order + ", " + idColumn + " " + order + " limit :limit";
        params.put("limit", args.size() + 1);

        List<Connection.Edge<T>> edges = new ArrayList<>();
        List<T> rows = jdbc.sql(sql).params(params).query((rs, n) -> {
            T node = mapper.mapRow(rs, n);
            edges.add(new Connection.Edge<>(new Cursor(sort.name(), rs.getLong("cursor_id"),
                    rs.getString("cursor_value")).encode(), node));
            return node;
        }).list();
        boolean more = rows.size() > args.size();
        List<Connection.Edge<T>> page = new ArrayList<>(edges.subList(0, Math.min(args.size(), edges.size())));
        boolean before = cursor != null && exists(from, filter, keyset + (ascending ? " <= " : " >= ") + cursorValue,
                cursor);
        if (args.backward()) {
            Collections.reverse(page);
        }
        long total = jdbc.sql("select count(*) from " + from + " where " + filter.sql())
                .params(filter.params()).query(Long.class).single();
        String start = page.isEmpty() ? null : page.getFirst().cursor();
        String end = page.isEmpty() ? null : page.getLast().cursor();
        Connection.PageInfo info = args.backward()
                ? new Connection.PageInfo(before, more, start, end, total, page.size())
                : new Connection.PageInfo(more, before, start, end, total, page.size());
        return new Connection<>(page, info);
    }

    private boolean exists(String from, SqlFilter filter, String condition, Cursor cursor) {
        Map<String, Object> params = new HashMap<>(filter.params());
        params.put("cursorValue", cursor.value());
        params.put("cursorId", cursor.id());
        return jdbc.sql("select exists (select 1 from " + from + " where " + filter.sql() + " and " + condition + ")")
                .params(params).query(Boolean.class).single();
    }

    /** Reads a nullable bigint column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    record Cursor(String sort, long id, String value) {

        String encode() {
            String raw = sort + "\n" + id + "\n" + value;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String encoded, SortKey expected) {
            String[] parts;
            try {
                parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\n", 3);
            } catch (IllegalArgumentException e) {
                throw ApiException.badInput("Not a valid cursor: " + encoded);
            }
            if (parts.length != 3 || !parts[1].matches("-?\\d{1,19}")) {
                throw ApiException.badInput("Not a valid cursor: " + encoded);
            }
            if (!parts[0].equals(expected.name())) {
                throw ApiException.badInput("This cursor belongs to a list sorted by " + parts[0]
                        + ", not " + expected.name());
            }
            return new Cursor(parts[0], Long.parseLong(parts[1]), parts[2]);
        }
    }
}
