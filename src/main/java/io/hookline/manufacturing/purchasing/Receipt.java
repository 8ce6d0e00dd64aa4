package io.hookline.manufacturing.purchasing;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** A quantity received against a purchase order line, into a location's stock. */
public record Receipt(long id, long organizationId, long purchaseOrderLineId, long partId, long locationId,
                      Long partInventoryId, BigDecimal quantity, String serialNumber, String lotNumber, String notes,
                      Long receivedBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                      String etag) implements Row {

    public static final Table<Receipt> TABLE = Table.of(Resource.RECEIPTS, Receipt.class);
}
