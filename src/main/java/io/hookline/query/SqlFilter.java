package io.hookline.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A WHERE clause built from optional filters, with its named parameters. */
public final class SqlFilter {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    public static SqlFilter where(String condition, String name, Object value) {
        return new SqlFilter().and(condition, name, value);
    }

    /** Adds {@code condition} with its parameter, unless the value is null (the filter was not given). */
    public SqlFilter and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value);
        }
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    public Map<String, Object> params() {
        return params;
    }
}
