package io.hookline.manufacturing.procedure;

import java.util.ArrayList;
import java.util.List;

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
class ProcedureController {

    private final TableRows<Procedure> procedures;

    ProcedureController(Rows rows) {
        this.procedures = rows.of(Procedure.TABLE);
    }

    record Filters(String nameContains) {
    }

    @QueryMapping
    Connection<Procedure> procedures(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                     @Argument Filters filters) {
        return procedures.list(caller, page, filters, (filter, f) -> filter
                .and("name ilike '%' || :name || '%'", "name", Inputs.like(f.nameContains())));
    }

    @QueryMapping
    Procedure procedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return procedures.get(caller, id);
    }

    record CreateInput(String name, String description, List<StepTemplate> steps) {
    }

    @MutationMapping
    @Transactional
    Saved<Procedure> createProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Changes values = Changes.forInsert()
                .text("name", input.name())
                .optionalText("description", input.description())
                .set("steps", JsonColumns.json(checked(input.steps())));
        return new Saved<>(procedures.insert(caller, values));
    }

    record UpdateInput(Long id, String etag, String name, String description, List<StepTemplate> steps) {
    }

    /** Changing the steps makes a new version; runs already made keep the steps they were made with. */
    @MutationMapping
    @Transactional
    Saved<Procedure> updateProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        Procedure current = procedures.get(caller, Inputs.id(input.id()));
        Changes changes = Changes.forUpdate()
                .text("name", input.name())
                .optionalText("description", input.description());
        if (input.steps() != null) {
            List<StepTemplate> steps = checked(input.steps());
            if (!steps.equals(current.steps())) {
                changes.set("steps", JsonColumns.json(steps)).set("version", current.version() + 1);
            }
        }
        return new Saved<>(procedures.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteProcedure(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return procedures.delete(caller, id, etag);
    }

    private static List<StepTemplate> checked(List<StepTemplate> steps) {
        List<StepTemplate> checked = new ArrayList<>();
        for (int i = 0; steps != null && i < steps.size(); i++) {
            checked.add(steps.get(i).checked("steps[" + i + "]"));
        }
        return checked;
    }
}
