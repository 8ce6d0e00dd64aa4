package io.hookline.manufacturing.run;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import io.hookline.manufacturing.procedure.StepTemplate;
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
class RunStepController {

    private final Rows rows;
    private final TableRows<RunStep> steps;
    private final TableRows<Run> runs;
    private final RunSteps runSteps;
    private final People people;
    private final Clock clock;

    RunStepController(Rows rows, RunSteps runSteps, People people, Clock clock) {
        this.rows = rows;
        this.steps = rows.of(RunStep.TABLE);
        this.runs = rows.of(Run.TABLE);
        this.runSteps = runSteps;
        this.people = people;
        this.clock = clock;
    }

    record Filters(Long runId, List<RunStep.Status> status) {
    }

    @QueryMapping
    Connection<RunStep> runSteps(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                 @Argument Filters filters) {
        return steps.list(caller, page, filters, (filter, f) -> filter
                .and("run_id = :run", "run", f.runId())
                .and("status in (:status)", "status", Inputs.names(f.status())));
    }

    @QueryMapping
    RunStep runStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return steps.get(caller, id);
    }

    /** Adds a step to a run by hand, after its last one. */
    record CreateInput(Long runId, String title, String instructions, List<StepTemplate.Field> fields) {
    }

    @MutationMapping
    @Transactional
    Saved<RunStep> createRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Run run = openRun(caller, runs.reference(caller, input.runId(), "runId").id());
        StepTemplate step = new StepTemplate(input.title(), input.instructions(),
                input.fields() == null ? List.of() : new ArrayList<>(input.fields())).checked("input");
        return new Saved<>(runSteps.append(caller.organizationId(), run.id(), step));
    }

    record UpdateInput(Long id, String etag, String title, String instructions, RunStep.Status status) {
    }

    /** Signing a step off (COMPLETE) records who and when; a step of a finished run no longer changes. */
    @MutationMapping
    @Transactional
    Saved<RunStep> updateRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        RunStep current = steps.get(caller, Inputs.id(input.id()));
        openRun(caller, current.runId());
        Changes changes = Changes.forUpdate()
                .text("title", input.title())
                .optionalText("instructions", input.instructions());
        if (input.status() != null && input.status() != current.status()) {
            RunStep.TRANSITIONS.check(current.status(), input.status());
            changes.set("status", input.status());
            if (input.status() == RunStep.Status.COMPLETE) {
                changes.set("signed_off_by", caller.userId()).set("signed_off_at", OffsetDateTime.now(clock));
            }
        }
        return new Saved<>(steps.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        openRun(caller, steps.get(caller, id).runId());
        return steps.delete(caller, id, etag);
    }

    @BatchMapping(typeName = "RunStep")
    Map<RunStep, User> signedOffBy(List<RunStep> steps) {
        return people.of(steps, RunStep::signedOffBy);
    }

    @BatchMapping(typeName = "RunStep")
    Map<RunStep, List<RunStepFieldValue>> fieldValues(List<RunStep> steps) {
        return rows.children(steps, RunStepFieldValue.TABLE, "run_step_id", RunStepFieldValue::runStepId);
    }

    private Run openRun(Caller caller, long runId) {
        Run run = runs.get(caller, runId);
        if (run.finished()) {
            throw ApiException.badInput("Run " + run.id() + " is " + run.status() + "; its steps can no longer change");
        }
        return run;
    }
}
