package io.hookline.manufacturing.location;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hookline.api.Caller;
import io.hookline.api.Connection;
import io.hookline.api.PageArgs;
import io.hookline.api.SqlFilter;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.Rows;
import io.hookline.api.ListSort;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class LocationController {

    private final Rows rows;

    LocationController(Rows rows) {
        this.rows = rows;
    }

    record Filters(Location.Kind kind, String nameContains) {
    }

    record CreateInput(String name, Location.Kind kind, String description) {
    }

    record UpdateInput(Long id, String etag, String name, Location.Kind kind, String description) {
    }

    record Payload(Location location) {
    }

    @QueryMapping
    Location location(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(Location.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<Location> locations(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                   @Argument String after, @Argument Integer last, @Argument String before,
                                   @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("kind = :kind", "kind", Inputs.name(f.kind()))
                .and("name ilike '%' || :name || '%'", "name", Inputs.like(f.nameContains()));
        return rows.page(Location.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", Inputs.text("name", input.name()));
        values.put("kind", Inputs.required("kind", input.kind()));
        values.put("description", Inputs.optionalText("description", input.description()));
        return new Payload(rows.insert(Location.TABLE, caller.organizationId(), values));
    }

    @MutationMapping
    @Transactional
    Payload updateLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.name() != null) {
            changes.put("name", Inputs.text("name", input.name()));
        }
        if (input.kind() != null) {
            changes.put("kind", input.kind());
        }
        if (input.description() != null) {
            changes.put("description", Inputs.optionalText("description", input.description()));
        }
        return new Payload(rows.update(Location.TABLE, caller.organizationId(), Inputs.id(input.id()),
                Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(Location.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }
}
