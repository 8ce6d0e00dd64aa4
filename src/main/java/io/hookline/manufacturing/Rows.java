package io.hookline.manufacturing;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.api.ApiException;
import io.hookline.capture.Resource;
import io.hookline.db.EtagGuard;
import io.hookline.query.Connection;
import io.hookline.query.KeysetPaginator;
import io.hookline.query.ListSort;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SqlFilter;
import org.postgresql.util.PSQLException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reads and writes every manufacturing table shares, always within one organization: an
 * update or delete names the etag it expects, so a stale one changes nothing and is a CONFLICT.
 * Column names come from code, never from input.
 */
@Component
public class Rows {

    private final JdbcClient jdbc;
    private final KeysetPaginator paginator;

    Rows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.paginator = new KeysetPaginator(jdbc);
    }

    /** The table as a caller sees it: what controllers use. */
    public <T extends Row> TableRows<T> of(Table<T> table) {
        return new TableRows<>(this, table);
    }

    public <T extends Row> T insert(Table<T> table, long organizationId, Map<String, Object> values) {
        Map<String, Object> params = params(values);
        params.put("organization_id", organizationId);
        String columns = String.join(", ", params.keySet());
        String placeholders = params.keySet().stream().map(c -> placeholder(c, values.get(c)))
                .collect(Collectors.joining(", "));
        try {
            return jdbc.sql("insert into " + table.name() + " (" + columns + ") values (" + placeholders + ") returning *")
                    .params(params).query(table.mapper()).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(table.duplicate());
        }
    }

    public <T extends Row> Optional<T> find(Table<T> table, long organizationId, long id) {
        return jdbc.sql("select * from " + table.name() + " where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(table.mapper()).optional();
    }

    /** The row, or NOT_FOUND: for an id the caller asked about directly. */
    public <T extends Row> T get(Table<T> table, long organizationId, long id) {
        return find(table, organizationId, id).orElseThrow(() -> ApiException.notFound(table.label(), id));
    }

    /**
     * The row another one refers to, or BAD_USER_INPUT naming the input field: a row of another
     * organization is never linked, and is reported exactly like one that does not exist.
     */
    public <T extends Row> T reference(Table<T> table, long organizationId, long id, String field) {
        return find(table, organizationId, id).orElseThrow(() -> ApiException.badInput(
                field + ": " + table.label() + " " + id + " not found"));
    }

    /** Rows matching a condition on the table's columns, in id order; for nested lists. */
    public <T extends Row> List<T> where(Table<T> table, String condition, Map<String, ?> params) {
        return jdbc.sql("select * from " + table.name() + " where " + condition + " order by id")
                .params(params).query(table.mapper()).list();
    }

    public <T extends Row> List<T> byColumn(Table<T> table, String column, Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : where(table, column + " in (:ids)", Map.of("ids", ids));
    }

    /**
     * The children of each parent, for a nested list field: one query for the whole batch, each
     * parent mapped to its children (none if it has none) in id order.
     */
    public <P extends Row, C extends Row> Map<P, List<C>> children(List<P> parents, Table<C> table,
                                                                 String parentColumn, Function<C, Long> parentId) {
        Map<Long, List<C>> byParent = byColumn(table, parentColumn, parents.stream().map(Row::id).toList()).stream()
                .collect(Collectors.groupingBy(parentId));
        return parents.stream().collect(Collectors.toMap(Function.identity(),
                p -> byParent.getOrDefault(p.id(), List.of()), (a, b) -> a));
    }

    public <T extends Row> T update(Table<T> table, long organizationId, long id, String etag,
                                    Map<String, Object> changes) {
        Map<String, Object> params = params(changes);
        params.put("org", organizationId);
        params.put("id", id);
        params.put("expected_etag", etag);
        try {
            return written(jdbc.sql(EtagGuard.updateStatement(table.name(), changes, Rows::placeholder))
                    .params(params).query(table.mapper()).optional(), table, organizationId, id);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(table.duplicate());
        }
    }

    /** Deletes the row if the etag still matches; returns it as it was. */
    public <T extends Row> T delete(Table<T> table, long organizationId, long id, String etag) {
        try {
            return written(jdbc.sql("delete from " + table.name()
                            + " where organization_id = :org and id = :id and etag = :etag returning *")
                    .param("org", organizationId).param("id", id).param("etag", etag)
                    .query(table.mapper()).optional(), table, organizationId, id);
        } catch (DataIntegrityViolationException e) {
            throw stillReferenced(table, id, e);
        }
    }

    public <T extends Row> Connection<T> page(Table<T> table, SqlFilter filter, ListSort sort, PageArgs args) {
        return paginator.page("*", table.name(), "id", filter, ListSort.key(sort, table.sorts(), table.label() + " lists"),
                ListSort.direction(sort, SortDirection.ASC), args, table.mapper());
    }

    private <T extends Row> T written(Optional<T> row, Table<T> table, long organizationId, long id) {
        return EtagGuard.written(row, table.label(), id, () -> find(table, organizationId, id).isPresent());
    }

    /** A foreign key refused the delete: say which kind of row still depends on this one. */
    private static ApiException stillReferenced(Table<?> table, long id, DataIntegrityViolationException e) {
        String dependents = "other rows";
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof PSQLException pg
                && pg.getServerErrorMessage() != null && pg.getServerErrorMessage().getTable() != null) {
            String referencing = pg.getServerErrorMessage().getTable();
            dependents = Arrays.stream(Resource.values()).filter(r -> r.table().equals(referencing))
                    .map(Resource::name).findFirst().orElse(referencing);
        }
        return ApiException.badInput(table.label() + " " + id + " cannot be deleted: " + dependents
                + " still refer to it; delete or change those first");
    }

    private static Map<String, Object> params(Map<String, Object> values) {
        Map<String, Object> params = new LinkedHashMap<>();
        values.forEach((column, value) -> params.put(column, switch (value) {
            case Json json -> json.text();
            case Enum<?> constant -> constant.name();
            case null -> null;
            default -> value;
        }));
        return params;
    }

    private static String placeholder(String column, Object value) {
        return value instanceof Json ? "cast(:" + column + " as jsonb)" : ":" + column;
    }
}
