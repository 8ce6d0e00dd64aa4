package io.hookline.manufacturing.location;

import io.hookline.api.Caller;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class LocationController {

    private final TableRows<Location> locations;

    LocationController(Rows rows) {
        this.locations = rows.of(Location.TABLE);
    }

    record Filters(Location.Kind kind, String nameContains) {
    }

    @QueryMapping
    Connection<Location> locations(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                   @Argument Filters filters) {
        return locations.list(caller, page, filters, (filter, f) -> filter
                .and("kind = :kind", "kind", Inputs.name(f.kind()))
                .and("name ilike '%' || :name || '%'", "name", Inputs.like(f.nameContains())));
    }

    @QueryMapping
    Location location(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return locations.get(caller, id);
    }

    record CreateInput(String name, Location.Kind kind, String description) {
    }

    @MutationMapping
    @Transactional
    Saved<Location> createLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        return new Saved<>(locations.insert(caller,
                fields(Changes.forInsert(), input.name(), input.kind(), input.description())));
    }

    record UpdateInput(Long id, String etag, String name, Location.Kind kind, String description) {
    }

    @MutationMapping
    @Transactional
    Saved<Location> updateLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        return new Saved<>(locations.update(caller, input.id(), input.etag(),
                fields(Changes.forUpdate(), input.name(), input.kind(), input.description())));
    }

    @MutationMapping
    @Transactional
    Deleted deleteLocation(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return locations.delete(caller, id, etag);
    }

    private static Changes fields(Changes changes, String name, Location.Kind kind, String description) {
        return changes.text("name", name).requiredValue("kind", kind).optionalText("description", description);
    }
}
