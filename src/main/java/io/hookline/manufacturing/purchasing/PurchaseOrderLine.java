package io.hookline.manufacturing.purchasing;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** A part on a purchase order: how many are ordered and received, at what unit price. */
public record PurchaseOrderLine(long id, long organizationId, long purchaseOrderId, long partId,
                                BigDecimal quantityOrdered, BigDecimal quantityReceived, BigDecimal unitPrice,
                                OffsetDateTime createdAt, OffsetDateTime updatedAt, String etag) implements Row {

    public static final Table<PurchaseOrderLine> TABLE = Table.of(Resource.PURCHASE_ORDER_LINES, PurchaseOrderLine.class);

    BigDecimal outstanding() {
        return quantityOrdered.subtract(quantityReceived);
    }
}
