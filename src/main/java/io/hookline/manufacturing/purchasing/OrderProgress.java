package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Rows;
import org.springframework.stereotype.Component;

/** Moves an order's received quantities and status along with its receipts, within the caller's transaction. */
@Component
class OrderProgress {

    private final Rows rows;

    OrderProgress(Rows rows) {
        this.rows = rows;
    }

    /** Adds {@code delta} (negative when a receipt is taken back) to the line, then settles the order's status. */
    void received(long org, PurchaseOrderLine line, BigDecimal delta) {
        rows.update(PurchaseOrderLine.TABLE, org, line.id(), line.etag(),
                Map.of("quantity_received", line.quantityReceived().add(delta)));
        PurchaseOrder order = rows.get(PurchaseOrder.TABLE, org, line.purchaseOrderId());
        List<PurchaseOrderLine> lines = rows.where(PurchaseOrderLine.TABLE, "purchase_order_id = :order",
                Map.of("order", order.id()));
        boolean nothing = lines.stream().allMatch(l -> l.quantityReceived().signum() == 0);
        boolean everything = lines.stream().allMatch(l -> l.outstanding().signum() <= 0);
        PurchaseOrder.Status status = nothing ? PurchaseOrder.Status.PLACED
                : everything ? PurchaseOrder.Status.RECEIVED : PurchaseOrder.Status.PARTIALLY_RECEIVED;
        if (status != order.status()) {
            rows.update(PurchaseOrder.TABLE, org, order.id(), order.etag(), Map.of("status", status));
        }
    }
}
