package io.hookline.manufacturing.issue;

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
import io.hookline.manufacturing.part.Part;
import io.hookline.manufacturing.run.Run;
import io.hookline.manufacturing.run.RunStep;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class IssueController {

    private final Rows rows;
    private final People people;

    IssueController(Rows rows, People people) {
        this.rows = rows;
        this.people = people;
    }

    record Filters(List<Issue.Status> status, List<Issue.Severity> severity, Long runId, Long partId) {
    }

    record CreateInput(String title, String description, Issue.Severity severity, Long runId, Long runStepId,
                       Long partId) {
    }

    record UpdateInput(Long id, String etag, String title, String description, Issue.Severity severity,
                       Issue.Status status, Long runId, Long runStepId, Long partId) {
    }

    record Payload(Issue issue) {
    }

    @QueryMapping
    Issue issue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(Issue.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<Issue> issues(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                             @Argument String after, @Argument Integer last, @Argument String before,
                             @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("status in (:status)", "status", Inputs.names(f.status()))
                .and("severity in (:severity)", "severity", Inputs.names(f.severity()))
                .and("run_id = :run", "run", f.runId())
                .and("part_id = :part", "part", f.partId());
        return rows.page(Issue.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", Inputs.text("title", input.title()));
        values.put("description", Inputs.optionalText("description", input.description()));
        values.put("severity", input.severity() == null ? Issue.Severity.MEDIUM : input.severity());
        values.put("created_by", caller.userId());
        putLinks(org, values, input.runId(), input.runStepId(), input.partId());
        return new Payload(rows.insert(Issue.TABLE, org, values));
    }

    @MutationMapping
    @Transactional
    Payload updateIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Issue current = rows.get(Issue.TABLE, org, Inputs.id(input.id()));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.title() != null) {
            changes.put("title", Inputs.text("title", input.title()));
        }
        if (input.description() != null) {
            changes.put("description", Inputs.optionalText("description", input.description()));
        }
        if (input.severity() != null) {
            changes.put("severity", input.severity());
        }
        if (input.status() != null) {
            Issue.TRANSITIONS.check(current.status(), input.status());
            changes.put("status", input.status());
        }
        if (input.runId() != null || input.runStepId() != null || input.partId() != null) {
            putLinks(org, changes, input.runId() != null ? input.runId() : current.runId(),
                    input.runStepId() != null ? input.runStepId() : current.runStepId(),
                    input.partId() != null ? input.partId() : current.partId());
        }
        return new Payload(rows.update(Issue.TABLE, org, current.id(), Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(Issue.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }

    @BatchMapping(typeName = "Issue")
    Map<Issue, User> createdBy(List<Issue> issues) {
        return people.of(issues, Issue::createdBy);
    }

    /** Links are checked in the caller's organization; a step implies its run, and must be of the run given. */
    private void putLinks(long org, Map<String, Object> values, Long runId, Long runStepId, Long partId) {
        Long run = runId == null ? null : rows.reference(Run.TABLE, org, runId, "runId").id();
        if (runStepId != null) {
            RunStep step = rows.reference(RunStep.TABLE, org, runStepId, "runStepId");
            if (run != null && step.runId() != run) {
                throw ApiException.badInput("runStepId: RunStep " + runStepId + " is a step of Run " + step.runId()
                        + ", not of Run " + run);
            }
            run = step.runId();
        }
        values.put("run_id", run);
        values.put("run_step_id", runStepId);
        values.put("part_id", partId == null ? null : rows.reference(Part.TABLE, org, partId, "partId").id());
    }
}
