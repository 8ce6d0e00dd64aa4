package io.hookline.manufacturing.run;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Connection;
import io.hookline.api.PageArgs;
import io.hookline.api.SqlFilter;
import io.hookline.auth.User;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.api.ListSort;
import io.hookline.manufacturing.procedure.JsonColumns;
import io.hookline.manufacturing.procedure.StepTemplate;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class RunStepController {

    private final Rows rows;
    private final People people;
    private final JdbcClient jdbc;
    private final Clock clock;

    RunStepController(Rows rows, People people, JdbcClient jdbc, Clock clock) {
        this.rows = rows;
        this.people = people;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Filters(Long runId, List<RunStep.Status> status) {
    }

    /** Adds a step to a run by hand, after its last one. */
    record CreateInput(Long runId, String title, String instructions, List<StepTemplate.Field> fields) {
    }

    record UpdateInput(Long id, String etag, String title, String instructions, RunStep.Status status) {
    }

    record Payload(RunStep runStep) {
    }

    @QueryMapping
    RunStep runStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(RunStep.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<RunStep> runSteps(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                 @Argument String after, @Argument Integer last, @Argument String before,
                                 @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("run_id = :run", "run", f.runId())
                .and("status in (:status)", "status", Inputs.names(f.status()));
        return rows.page(RunStep.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Run run = openRun(org, rows.reference(Run.TABLE, org, Inputs.required("runId", input.runId()), "runId").id());
        StepTemplate step = new StepTemplate(input.title(), input.instructions(),
                input.fields() == null ? List.of() : new ArrayList<>(input.fields())).checked("input");
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from run_steps where run_id = :run")
                .param("run", run.id()).query(Integer.class).single();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("run_id", run.id());
        values.put("position", position);
        values.put("title", step.title());
        values.put("instructions", step.instructions());
        values.put("fields", JsonColumns.json(step.fields()));
        return new Payload(rows.insert(RunStep.TABLE, org, values));
    }

    /** Signing a step off (COMPLETE) records who and when; a step of a finished run no longer changes. */
    @MutationMapping
    @Transactional
    Payload updateRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        RunStep current = rows.get(RunStep.TABLE, org, Inputs.id(input.id()));
        openRun(org, current.runId());
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.title() != null) {
            changes.put("title", Inputs.text("title", input.title()));
        }
        if (input.instructions() != null) {
            changes.put("instructions", Inputs.optionalText("instructions", input.instructions()));
        }
        if (input.status() != null && input.status() != current.status()) {
            RunStep.TRANSITIONS.check(current.status(), input.status());
            changes.put("status", input.status());
            if (input.status() == RunStep.Status.COMPLETE) {
                changes.put("signed_off_by", caller.userId());
                changes.put("signed_off_at", OffsetDateTime.now(clock));
            }
        }
        return new Payload(rows.update(RunStep.TABLE, org, current.id(), Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteRunStep(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        openRun(caller.organizationId(), rows.get(RunStep.TABLE, caller.organizationId(), id).runId());
        return new Deleted(rows.delete(RunStep.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }

    @BatchMapping(typeName = "RunStep")
    Map<RunStep, User> signedOffBy(List<RunStep> steps) {
        return people.of(steps, RunStep::signedOffBy);
    }

    @BatchMapping(typeName = "RunStep")
    Map<RunStep, List<RunStepFieldValue>> fieldValues(List<RunStep> steps) {
        return rows.children(steps, RunStepFieldValue.TABLE, "run_step_id", RunStepFieldValue::runStepId);
    }

    private Run openRun(long org, long runId) {
        Run run = rows.get(Run.TABLE, org, runId);
        if (run.finished()) {
            throw ApiException.badInput("Run " + run.id() + " is " + run.status() + "; its steps can no longer change");
        }
        return run;
    }
}
