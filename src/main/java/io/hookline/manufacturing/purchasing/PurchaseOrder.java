package io.hookline.manufacturing.purchasing;

import io.hookline.capture.Resource;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.Transitions;

/** An order to a supplier. */
public record PurchaseOrder(long id, long organizationId, String supplier, String reference, Status status,
                            OffsetDateTime placedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                            String etag) implements Row {

    public static final Table<PurchaseOrder> TABLE = Table.of(Resource.PURCHASE_ORDERS, PurchaseOrder.class)
            .sortable("SUPPLIER", "supplier", "text")
            .sortable("STATUS", "status", "text");

    public enum Status { DRAFT, PLACED, PARTIALLY_RECEIVED, RECEIVED, CANCELED }

    /** The changes a user makes; PARTIALLY_RECEIVED and RECEIVED follow from receipts only. */
    static final Transitions<Status> BY_HAND = Transitions.of("a purchase order", Status.class)
            .from(Status.DRAFT, Status.PLACED, Status.CANCELED)
            .from(Status.PLACED, Status.CANCELED);

    boolean receiving() {
        return status == Status.PLACED || status == Status.PARTIALLY_RECEIVED;
    }
}
