package io.hookline.manufacturing.run;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.Transitions;

/**
 * A procedure executed for a quantity of a part at a workcenter. Procedure, part and workcenter are
 * optional, so a run can also be just a title.
 */
public record Run(long id, long organizationId, String title, Status status, Long procedureId, Long partId,
                  BigDecimal quantity, Long workcenterId, Long startedBy, OffsetDateTime startedAt,
                  OffsetDateTime completedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                  String etag) implements Row {

    public static final Table<Run> TABLE = Table.of(Resource.RUNS, Run.class)
            .sortable("TITLE", "title", "text")
            .sortable("STATUS", "status", "text");

    public enum Status { TODO, IN_PROGRESS, ON_HOLD, COMPLETE, CANCELED }

    static final Transitions<Status> TRANSITIONS = Transitions.of("a run", Status.class)
            .from(Status.TODO, Status.IN_PROGRESS, Status.CANCELED)
            .from(Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETE, Status.CANCELED)
            .from(Status.ON_HOLD, Status.IN_PROGRESS, Status.CANCELED);

    boolean finished() {
        return status == Status.COMPLETE || status == Status.CANCELED;
    }
}
