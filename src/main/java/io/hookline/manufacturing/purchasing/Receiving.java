package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.inventory.PartInventory;
import io.hookline.manufacturing.inventory.Stock;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import org.springframework.stereotype.Component;

/**
 * Receiving against an order line and taking a receipt back, each within the caller's transaction:
 * the receipt, the stock it put away, the count on the line and the order's status change together,
 * so every one of those rows fires with one transaction id.
 */
@Component
class Receiving {

    private final Rows rows;
    private final TableRows<Receipt> receipts;
    private final Stock stock;
    private final OrderProgress progress;

    Receiving(Rows rows, Stock stock, OrderProgress progress) {
        this.rows = rows;
        this.receipts = rows.of(Receipt.TABLE);
        this.stock = stock;
        this.progress = progress;
    }

    /** What arrived against an order line: the {@code CreateReceiptInput}. */
    record Delivery(Long purchaseOrderLineId, Long locationId, BigDecimal quantity, String serialNumber,
                    String lotNumber, String notes) {
    }

    /** Refused unless the order is being received and the line still expects that much. */
    Receipt receive(Caller caller, Delivery input) {
        long org = caller.organizationId();
        PurchaseOrderLine line = rows.of(PurchaseOrderLine.TABLE)
                .reference(caller, input.purchaseOrderLineId(), "purchaseOrderLineId");
        Location location = rows.of(Location.TABLE).reference(caller, input.locationId(), "locationId");
        BigDecimal quantity = Inputs.positive("quantity", input.quantity());
        PurchaseOrder order = rows.get(PurchaseOrder.TABLE, org, line.purchaseOrderId());
        if (!order.receiving()) {
            throw ApiException.badInput("purchaseOrderLineId: PurchaseOrder " + order.id() + " is " + order.status()
                    + "; only a PLACED or PARTIALLY_RECEIVED order is received against");
        }
        if (quantity.compareTo(line.outstanding()) > 0) {
            throw ApiException.badInput("quantity: " + quantity.stripTrailingZeros().toPlainString()
                    + " is more than the " + line.outstanding().stripTrailingZeros().toPlainString()
                    + " still outstanding on PurchaseOrderLine " + line.id());
        }
        Part part = rows.get(Part.TABLE, org, line.partId());
        String serial = Inputs.optionalText("serialNumber", input.serialNumber());
        String lot = Inputs.optionalText("lotNumber", input.lotNumber());
        PartInventory inventory = stock.add(org, part, location, serial, lot, quantity);
        Changes values = Changes.forInsert()
                .set("purchase_order_line_id", line.id())
                .set("part_id", part.id())
                .set("location_id", location.id())
                .set("part_inventory_id", inventory.id())
                .set("quantity", quantity)
                .set("serial_number", serial)
                .set("lot_number", lot)
                .optionalText("notes", input.notes())
                .set("received_by", caller.userId());
        Receipt receipt = receipts.insert(caller, values);
        progress.received(org, line, quantity);
        return receipt;
    }

    /** Out of stock (refused if already used), off the line, and the order's status follows; returns it as it was. */
    Receipt takeBack(Caller caller, long id, String etag) {
        long org = caller.organizationId();
        Receipt receipt = receipts.remove(caller, id, etag);
        if (receipt.partInventoryId() != null) {
            stock.take(org, receipt.partInventoryId(), receipt.quantity());
        }
        progress.received(org, rows.get(PurchaseOrderLine.TABLE, org, receipt.purchaseOrderLineId()),
                receipt.quantity().negate());
        return receipt;
    }
}
