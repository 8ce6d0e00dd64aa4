package io.hookline.manufacturing.issue;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.Transitions;

/** A non-conformance, optionally linked to the run, run step and part it concerns. */
public record Issue(long id, long organizationId, String title, String description, Severity severity,
                    Status status, Long runId, Long runStepId, Long partId, Long createdBy,
                    OffsetDateTime createdAt, OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<Issue> TABLE = Table.of(Resource.ISSUES, Issue.class)
            .sortable("SEVERITY", "severity", "text")
            .sortable("STATUS", "status", "text");

    public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    public enum Status { OPEN, IN_REVIEW, CLOSED }

    /** An issue is closed only after review, and a closed one may be reopened. */
    static final Transitions<Status> TRANSITIONS = Transitions.of("an issue", Status.class)
            .from(Status.OPEN, Status.IN_REVIEW)
            .from(Status.IN_REVIEW, Status.OPEN, Status.CLOSED)
            .from(Status.CLOSED, Status.OPEN);
}
