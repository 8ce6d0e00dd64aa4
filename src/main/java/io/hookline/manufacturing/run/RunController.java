package io.hookline.manufacturing.run;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import io.hookline.manufacturing.procedure.Procedure;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class RunController {

    private final Rows rows;
    private final TableRows<Run> runs;
    private final RunSteps runSteps;
    private final People people;
    private final Clock clock;

    RunController(Rows rows, RunSteps runSteps, People people, Clock clock) {
        this.rows = rows;
        this.runs = rows.of(Run.TABLE);
        this.runSteps = runSteps;
        this.people = people;
        this.clock = clock;
    }

    record Filters(List<Run.Status> status, Long procedureId, Long partId, Long workcenterId, String titleContains) {
    }

    @QueryMapping
    Connection<Run> runs(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                         @Argument Filters filters) {
        return runs.list(caller, page, filters, (filter, f) -> filter
                .and("status in (:status)", "status", Inputs.names(f.status()))
                .and("procedure_id = :procedure", "procedure", f.procedureId())
                .and("part_id = :part", "part", f.partId())
                .and("workcenter_id = :workcenter", "workcenter", f.workcenterId())
                .and("title ilike '%' || :title || '%'", "title", Inputs.like(f.titleContains())));
    }

    @QueryMapping
    Run run(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return runs.get(caller, id);
    }

    record CreateInput(String title, Long procedureId, Long partId, BigDecimal quantity, Long workcenterId) {
    }

    /** Creates the run in TODO with one step per step of its procedure, in one transaction. */
    @MutationMapping
    @Transactional
    Saved<Run> createRun(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Changes values = Changes.forInsert().text("title", input.title());
        Procedure procedure = input.procedureId() == null ? null
                : rows.reference(Procedure.TABLE, org, input.procedureId(), "procedureId");
        values.set("procedure_id", procedure == null ? null : procedure.id());
        putPartAndQuantity(org, values, input.partId(), input.quantity());
        values.set("workcenter_id", workcenter(org, input.workcenterId()));
        Run run = runs.insert(caller, values);
        runSteps.copy(org, run.id(), procedure == null ? List.of() : procedure.steps());
        return new Saved<>(run);
    }

    record UpdateInput(Long id, String etag, String title, Run.Status status, Long partId, BigDecimal quantity,
                       Long workcenterId) {
    }

    /**
     * Changes a run. Its status moves only along sensible transitions; the first start records who
     * and when, completion records when. A finished run keeps everything but its title.
     */
    @MutationMapping
    @Transactional
    Saved<Run> updateRun(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Run current = runs.get(caller, Inputs.id(input.id()));
        Changes changes = Changes.forUpdate().text("title", input.title());
        boolean changesWork = input.partId() != null || input.quantity() != null || input.workcenterId() != null
                || input.status() != null && input.status() != current.status();
        if (changesWork && current.finished()) {
            throw ApiException.badInput("Run " + current.id() + " is " + current.status()
                    + "; only its title can change");
        }
        if (input.partId() != null || input.quantity() != null) {
            putPartAndQuantity(org, changes, input.partId() != null ? input.partId() : current.partId(),
                    input.quantity() != null ? input.quantity() : current.quantity());
        }
        changes.field("workcenterId", input.workcenterId(), id -> workcenter(org, id));
        if (input.status() != null && input.status() != current.status()) {
            Run.TRANSITIONS.check(current.status(), input.status());
            changes.set("status", input.status());
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (input.status() == Run.Status.IN_PROGRESS && current.startedAt() == null) {
                changes.set("started_by", caller.userId()).set("started_at", now);
            }
            if (input.status() == Run.Status.COMPLETE) {
                changes.set("completed_at", now);
            }
        }
        return new Saved<>(runs.update(caller, current.id(), input.etag(), changes));
    }

    /** Deletes the run with its steps and their data (each firing); refused while issues refer to it. */
    @MutationMapping
    @Transactional
    Deleted deleteRun(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return runs.delete(caller, id, etag);
    }

    /** A run's steps in position order, which is also the order they were created in. */
    @BatchMapping(typeName = "Run")
    Map<Run, List<RunStep>> steps(List<Run> runs) {
        return rows.children(runs, RunStep.TABLE, "run_id", RunStep::runId);
    }

    @BatchMapping(typeName = "Run")
    Map<Run, User> startedBy(List<Run> runs) {
        return people.of(runs, Run::startedBy);
    }

    /** A quantity is of a part: a part without one means a single unit. */
    private void putPartAndQuantity(long org, Changes values, Long partId, BigDecimal quantity) {
        if (quantity != null && partId == null) {
            throw ApiException.badInput("partId is required with a quantity: a quantity is of a part");
        }
        Inputs.nonNegative("quantity", quantity);
        values.set("part_id", partId == null ? null : rows.reference(Part.TABLE, org, partId, "partId").id())
                .set("quantity", partId == null ? null : quantity == null ? BigDecimal.ONE : quantity);
    }

    private Long workcenter(long org, Long workcenterId) {
        if (workcenterId == null) {
            return null;
        }
        Location location = rows.reference(Location.TABLE, org, workcenterId, "workcenterId");
        if (location.kind() != Location.Kind.WORKCENTER) {
            throw ApiException.badInput("workcenterId: Location " + workcenterId + " '" + location.name()
                    + "' is a " + location.kind() + " location, not a WORKCENTER");
        }
        return location.id();
    }
}
