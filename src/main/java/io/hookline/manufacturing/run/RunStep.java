package io.hookline.manufacturing.run;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;
import java.util.List;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.Transitions;
import io.hookline.manufacturing.procedure.JsonColumns;
import io.hookline.manufacturing.procedure.StepTemplate;
import io.hookline.query.KeysetPaginator;

/** One step of a run, copied from its procedure (or added to the run), signed off when complete. */
public record RunStep(long id, long organizationId, long runId, int position, String title, String instructions,
                      List<StepTemplate.Field> fields, Status status, Long signedOffBy, OffsetDateTime signedOffAt,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<RunStep> TABLE = Table.<RunStep>of(Resource.RUN_STEPS, (rs, n) -> new RunStep(
                    rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("run_id"), rs.getInt("position"),
                    rs.getString("title"), rs.getString("instructions"), JsonColumns.fields(rs.getString("fields")),
                    Status.valueOf(rs.getString("status")), KeysetPaginator.nullableLong(rs, "signed_off_by"),
                    rs.getObject("signed_off_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                    rs.getObject("updated_at", OffsetDateTime.class), rs.getString("etag")))
            .sortable("POSITION", "position", "int");

    public enum Status { TODO, IN_PROGRESS, COMPLETE, FAILED }

    /** A failed step may be worked again; a signed-off one is final. */
    static final Transitions<Status> TRANSITIONS = Transitions.of("a run step", Status.class)
            .from(Status.TODO, Status.IN_PROGRESS, Status.COMPLETE, Status.FAILED)
            .from(Status.IN_PROGRESS, Status.TODO, Status.COMPLETE, Status.FAILED)
            .from(Status.FAILED, Status.IN_PROGRESS);
}
