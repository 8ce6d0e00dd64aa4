package io.hookline.manufacturing.location;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** A place in the plant: a workcenter where runs happen, or a stock location where parts are kept. */
public record Location(long id, long organizationId, String name, Kind kind, String description,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<Location> TABLE = Table.of(Resource.LOCATIONS, Location.class)
            .sortable("NAME", "name", "text")
            .duplicateMeans("A location with this name already exists");

    public enum Kind { WORKCENTER, STOCK }
}
