package io.hookline.manufacturing.inventory;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** A quantity of one part at one location, under one serial or lot number where the part is tracked. */
public record PartInventory(long id, long organizationId, long partId, long locationId, BigDecimal quantity,
                            String serialNumber, String lotNumber, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<PartInventory> TABLE = Table.of(Resource.PART_INVENTORIES, PartInventory.class)
            .sortable("QUANTITY", "quantity", "numeric")
            .duplicateMeans("This serial number of the part is already in stock");
}
