package io.hookline.manufacturing;

import java.util.function.BiFunction;

import io.hookline.api.Caller;
import io.hookline.query.Connection;
import io.hookline.query.SqlFilter;

/**
 * One manufacturing table as a caller sees it: only the caller's organization, every write
 * etag-checked ({@link Rows}). A controller keeps one per table it serves and adds its own rules:
 * which fields, how they are checked, which transitions are allowed.
 */
public final class TableRows<T extends Row> {

    private final Rows rows;
    private final Table<T> table;

    TableRows(Rows rows, Table<T> table) {
        this.rows = rows;
        this.table = table;
    }

    /** The row, or NOT_FOUND. */
    public T get(Caller caller, long id) {
        return rows.get(table, caller.organizationId(), id);
    }

    /** The row an input field refers to; the field is required, and a missing row is BAD_USER_INPUT naming it. */
    public T reference(Caller caller, Long id, String field) {
        return rows.reference(table, caller.organizationId(), Inputs.required(field, id), field);
    }

    /**
     * A page of the caller's rows, narrowed by the {@code conditions} the list's {@code filters} give (each
     * condition skipped when its value is null); a list asked for without filters is narrowed by none.
     */
    public <F> Connection<T> list(Caller caller, ListPage page, F filters,
                                  BiFunction<SqlFilter, F, SqlFilter> conditions) {
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId());
        return rows.page(table, filters == null ? filter : conditions.apply(filter, filters), page.sort(),
                page.checked());
    }

    public T insert(Caller caller, Changes values) {
        return rows.insert(table, caller.organizationId(), values.columns());
    }

    /** Applies the changes if {@code etag} is still the row's; checks the id, then the etag. */
    public T update(Caller caller, Long id, String etag, Changes changes) {
        return rows.update(table, caller.organizationId(), Inputs.id(id), Inputs.etag(etag), changes.columns());
    }

    /** Deletes the row if {@code etag} is still its own; returns it as it was. */
    public T remove(Caller caller, long id, String etag) {
        return rows.delete(table, caller.organizationId(), id, Inputs.etag(etag));
    }

    /** {@link #remove} answered as the {@code DeletePayload}. */
    public Deleted delete(Caller caller, long id, String etag) {
        return new Deleted(remove(caller, id, etag).id());
    }
}
