package io.hookline.manufacturing.part;

import io.hookline.api.ApiException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PartController {

    private final TableRows<Part> parts;
    private final JdbcClient jdbc;

    PartController(Rows rows, JdbcClient jdbc) {
        this.parts = rows.of(Part.TABLE);
        this.jdbc = jdbc;
    }

    record Filters(String partNumberContains, Part.Tracking tracking) {
    }

    @QueryMapping
    Connection<Part> parts(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                           @Argument Filters filters) {
        return parts.list(caller, page, filters, (filter, f) -> filter
                .and("part_number ilike '%' || :number || '%'", "number", Inputs.like(f.partNumberContains()))
                .and("tracking = :tracking", "tracking", Inputs.name(f.tracking())));
    }

    @QueryMapping
    Part part(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return parts.get(caller, id);
    }

    record CreateInput(String partNumber, String revision, String description, String unitOfMeasure,
                       Part.Tracking tracking) {
    }

    @MutationMapping
    @Transactional
    Saved<Part> createPart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Changes values = Changes.forInsert()
                .text("partNumber", input.partNumber())
                .field("revision", input.revision(), "A", v -> Inputs.text("revision", v))
                .optionalText("description", input.description())
                .field("unitOfMeasure", input.unitOfMeasure(), "each", v -> Inputs.text("unitOfMeasure", v))
                .field("tracking", input.tracking(), Part.Tracking.NONE, v -> v);
        return new Saved<>(parts.insert(caller, values));
    }

    record UpdateInput(Long id, String etag, String partNumber, String revision, String description,
                       String unitOfMeasure, Part.Tracking tracking) {
    }

    @MutationMapping
    @Transactional
    Saved<Part> updatePart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long id = Inputs.id(input.id());
        Changes changes = Changes.forUpdate()
                .text("partNumber", input.partNumber())
                .text("revision", input.revision())
                .optionalText("description", input.description())
                .text("unitOfMeasure", input.unitOfMeasure())
                .field("tracking", input.tracking(), tracking -> checkTracking(caller, id, tracking));
        return new Saved<>(parts.update(caller, id, input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return parts.delete(caller, id, etag);
    }

    private Part.Tracking checkTracking(Caller caller, long id, Part.Tracking tracking) {
        Part current = parts.get(caller, id);
        if (current.tracking() != tracking && inStock(id)) {
            // Stock recorded under one way of tracking would not satisfy the other.
            throw ApiException.badInput("tracking: part " + current.partNumber()
                    + " has inventory; its tracking cannot change while stock is recorded");
        }
        return tracking;
    }

    private boolean inStock(long partId) {
        return jdbc.sql("select exists (select 1 from part_inventories where part_id = :id)")
                .param("id", partId).query(Boolean.class).single();
    }
}
