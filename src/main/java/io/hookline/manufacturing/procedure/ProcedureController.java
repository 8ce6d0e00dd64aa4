package io.hookline.manufacturing.procedure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
class ProcedureController {

    private final Rows rows;

    ProcedureController(Rows rows) {
        this.rows = rows;
    }

    record Filters(String nameContains) {
    }

    record CreateInput(String name, String description, List<StepTemplate> steps) {
    }

    record UpdateInput(Long id, String etag, String name, String description, List<StepTemplate> steps) {
    }

    record Payload(Procedure procedure) {
    }

    @QueryMapping
    Procedure procedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(Procedure.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<Procedure> procedures(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                     @Argument String after, @Argument Integer last, @Argument String before,
                                     @Argument Filters filters, @Argument ListSort sort) {
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("name ilike '%' || :name || '%'", "name", Inputs.like(filters == null ? null : filters.nameContains()));
        return rows.page(Procedure.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", Inputs.text("name", input.name()));
        values.put("description", Inputs.optionalText("description", input.description()));
        values.put("steps", JsonColumns.json(checked(input.steps())));
        return new Payload(rows.insert(Procedure.TABLE, caller.organizationId(), values));
    }

    /** Changing the steps makes a new version; runs already made keep the steps they were made with. */
    @MutationMapping
    @Transactional
    Payload updateProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        Procedure current = rows.get(Procedure.TABLE, caller.organizationId(), Inputs.id(input.id()));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.name() != null) {
            changes.put("name", Inputs.text("name", input.name()));
        }
        if (input.description() != null) {
            changes.put("description", Inputs.optionalText("description", input.description()));
        }
        if (input.steps() != null) {
            List<StepTemplate> steps = checked(input.steps());
            if (!steps.equals(current.steps())) {
                changes.put("steps", JsonColumns.json(steps));
                changes.put("version", current.version() + 1);
            }
        }
        return new Payload(rows.update(Procedure.TABLE, caller.organizationId(), current.id(),
                Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                            @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(Procedure.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }

    private static List<StepTemplate> checked(List<StepTemplate> steps) {
        List<StepTemplate> checked = new ArrayList<>();
        for (int i = 0; steps != null && i < steps.size(); i++) {
            checked.add(steps.get(i).checked("steps[" + i + "]"));
        }
        return checked;
    }
}
