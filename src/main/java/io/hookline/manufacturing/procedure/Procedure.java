package io.hookline.manufacturing.procedure;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;
import java.util.List;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** Named, versioned instructions: ordered steps, each with the data fields to record. */
public record Procedure(long id, long organizationId, String name, String description, int version,
                        List<StepTemplate> steps, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                        String etag) implements Row {

    public static final Table<Procedure> TABLE = Table.<Procedure>of(Resource.PROCEDURES, (rs, n) -> new Procedure(
                    rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
                    rs.getString("description"), rs.getInt("version"), JsonColumns.steps(rs.getString("steps")),
                    rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                    rs.getString("etag")))
            .sortable("NAME", "name", "text");
}
