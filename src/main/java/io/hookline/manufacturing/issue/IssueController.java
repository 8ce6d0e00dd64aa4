package io.hookline.manufacturing.issue;

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
import io.hookline.manufacturing.part.Part;
import io.hookline.manufacturing.run.Run;
import io.hookline.manufacturing.run.RunStep;
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
class IssueController {

    private final Rows rows;
    private final TableRows<Issue> issues;
    private final People people;

    IssueController(Rows rows, People people) {
        this.rows = rows;
        this.issues = rows.of(Issue.TABLE);
        this.people = people;
    }

    record Filters(List<Issue.Status> status, List<Issue.Severity> severity, Long runId, Long partId) {
    }

    @QueryMapping
    Connection<Issue> issues(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                             @Argument Filters filters) {
        return issues.list(caller, page, filters, (filter, f) -> filter
                .and("status in (:status)", "status", Inputs.names(f.status()))
                .and("severity in (:severity)", "severity", Inputs.names(f.severity()))
                .and("run_id = :run", "run", f.runId())
                .and("part_id = :part", "part", f.partId()));
    }

    @QueryMapping
    Issue issue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return issues.get(caller, id);
    }

    record CreateInput(String title, String description, Issue.Severity severity, Long runId, Long runStepId,
                       Long partId) {
    }

    @MutationMapping
    @Transactional
    Saved<Issue> createIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Changes values = Changes.forInsert()
                .text("title", input.title())
                .optionalText("description", input.description())
                .field("severity", input.severity(), Issue.Severity.MEDIUM, v -> v)
                .set("created_by", caller.userId());
        putLinks(caller.organizationId(), values, input.runId(), input.runStepId(), input.partId());
        return new Saved<>(issues.insert(caller, values));
    }

    record UpdateInput(Long id, String etag, String title, String description, Issue.Severity severity,
                       Issue.Status status, Long runId, Long runStepId, Long partId) {
    }

    @MutationMapping
    @Transactional
    Saved<Issue> updateIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        Issue current = issues.get(caller, Inputs.id(input.id()));
        Changes changes = Changes.forUpdate()
                .text("title", input.title())
                .optionalText("description", input.description())
                .value("severity", input.severity())
                .field("status", input.status(), status -> {
                    Issue.TRANSITIONS.check(current.status(), status);
                    return status;
                });
        if (input.runId() != null || input.runStepId() != null || input.partId() != null) {
            putLinks(caller.organizationId(), changes, input.runId() != null ? input.runId() : current.runId(),
                    input.runStepId() != null ? input.runStepId() : current.runStepId(),
                    input.partId() != null ? input.partId() : current.partId());
        }
        return new Saved<>(issues.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteIssue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        return issues.delete(caller, id, etag);
    }

    @BatchMapping(typeName = "Issue")
    Map<Issue, User> createdBy(List<Issue> issues) {
        return people.of(issues, Issue::createdBy);
    }

    /** Links are checked in the caller's organization; a step implies its run, and must be of the run given. */
    private void putLinks(long org, Changes values, Long runId, Long runStepId, Long partId) {
        Long run = runId == null ? null : rows.reference(Run.TABLE, org, runId, "runId").id();
        if (runStepId != null) {
            RunStep step = rows.reference(RunStep.TABLE, org, runStepId, "runStepId");
            if (run != null && step.runId() != run) {
                throw ApiException.badInput("runStepId: RunStep " + step.id() + " is a step of Run " + step.runId()
                        + ", not of Run " + run);
            }
            run = step.runId();
        }
        values.set("run_id", run)
                .set("run_step_id", runStepId)
                .set("part_id", partId == null ? null : rows.reference(Part.TABLE, org, partId, "partId").id());
    }
}
