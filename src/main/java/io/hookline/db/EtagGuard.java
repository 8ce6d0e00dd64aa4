package io.hookline.db;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import io.hookline.api.ApiException;

/**
 * The rule of every write that names the etag it expects (docs/adding-a-resource.md): it changes
 * the row only while the etag still matches; when it changed nothing, the row either moved on
 * (CONFLICT: read it again) or is not there for this organization (NOT_FOUND). Which one is
 * decided by asking after the write, so the write itself stays one statement.
 */
public final class EtagGuard {

    private EtagGuard() {
    }

    /**
     * The one statement of a guarded update: sets the given columns (names from code, never input)
     * and a new etag on the row {@code :id} of {@code :org}, only while its etag is still
     * {@code :expected_etag}, and returns the row as written. {@code placeholder} gives the SQL
     * for a column's value, e.g. a cast.
     */
    public static String updateStatement(String table, Map<String, ?> changes,
                                         BiFunction<String, Object, String> placeholder) {
        StringBuilder set = new StringBuilder("etag = new_etag(), updated_at = now()");
        changes.forEach((column, value) -> set.append(", ").append(column).append(" = ")
                .append(placeholder.apply(column, value)));
        return "update " + table + " set " + set
                + " where organization_id = :org and id = :id and etag = :expected_etag returning *";
    }

    /** The row a guarded {@code ... returning *} wrote, or the error saying why it wrote none. */
    public static <T> T written(Optional<T> row, String label, long id, BooleanSupplier exists) {
        return row.orElseThrow(() -> staleOrMissing(label, id, exists));
    }

    /** Checks the row count of a guarded write that returns nothing. */
    public static void writtenOnce(int rowCount, String label, long id, BooleanSupplier exists) {
        if (rowCount != 1) {
            throw staleOrMissing(label, id, exists);
        }
    }

    public static ApiException staleOrMissing(String label, long id, BooleanSupplier exists) {
        return exists.getAsBoolean()
                ? ApiException.conflict(label + " " + id + " was changed since the given etag was read; read it again and retry")
                : ApiException.notFound(label, id);
    }
}
