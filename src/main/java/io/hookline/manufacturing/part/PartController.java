package io.hookline.manufacturing.part;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hookline.api.ApiException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PartController {

    private final Rows rows;
    private final JdbcClient jdbc;

    PartController(Rows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    record Filters(String partNumberContains, Part.Tracking tracking) {
    }

    record CreateInput(String partNumber, String revision, String description, String unitOfMeasure,
                       Part.Tracking tracking) {
    }

    record UpdateInput(Long id, String etag, String partNumber, String revision, String description,
                       String unitOfMeasure, Part.Tracking tracking) {
    }

    record Payload(Part part) {
    }

    @QueryMapping
    Part part(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(Part.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<Part> parts(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                           @Argument String after, @Argument Integer last, @Argument String before,
                           @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("part_number ilike '%' || :number || '%'", "number", Inputs.like(f.partNumberContains()))
                .and("tracking = :tracking", "tracking", Inputs.name(f.tracking()));
        return rows.page(Part.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createPart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("part_number", Inputs.text("partNumber", input.partNumber()));
        values.put("revision", input.revision() == null ? "A" : Inputs.text("revision", input.revision()));
        values.put("description", Inputs.optionalText("description", input.description()));
        values.put("unit_of_measure", input.unitOfMeasure() == null ? "each"
                : Inputs.text("unitOfMeasure", input.unitOfMeasure()));
        values.put("tracking", input.tracking() == null ? Part.Tracking.NONE : input.tracking());
        return new Payload(rows.insert(Part.TABLE, caller.organizationId(), values));
    }

    @MutationMapping
    @Transactional
    Payload updatePart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long id = Inputs.id(input.id());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.partNumber() != null) {
            changes.put("part_number", Inputs.text("partNumber", input.partNumber()));
        }
        if (input.revision() != null) {
            changes.put("revision", Inputs.text("revision", input.revision()));
        }
        if (input.description() != null) {
            changes.put("description", Inputs.optionalText("description", input.description()));
        }
        if (input.unitOfMeasure() != null) {
            changes.put("unit_of_measure", Inputs.text("unitOfMeasure", input.unitOfMeasure()));
        }
        if (input.tracking() != null) {
            Part current = rows.get(Part.TABLE, caller.organizationId(), id);
            if (current.tracking() != input.tracking() && inStock(id)) {
                // Stock recorded under one way of tracking would not satisfy the other.
                throw ApiException.badInput("tracking: part " + current.partNumber()
                        + " has inventory; its tracking cannot change while stock is recorded");
            }
            changes.put("tracking", input.tracking());
        }
        return new Payload(rows.update(Part.TABLE, caller.organizationId(), id, Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePart(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(Part.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }

    private boolean inStock(long partId) {
        return jdbc.sql("select exists (select 1 from part_inventories where part_id = :id)")
                .param("id", partId).query(Boolean.class).single();
    }
}
