package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.inventory.PartInventory;
import io.hookline.manufacturing.inventory.Stock;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receiving: one transaction records the receipt, puts the parts into stock, counts them on the
 * order line and moves the order's status, so every one of those rows fires with one transaction id.
 */
@Controller
class ReceiptController {

    private final Rows rows;
    private final TableRows<Receipt> receipts;
    private final Stock stock;
    private final OrderProgress progress;
    private final People people;

    ReceiptController(Rows rows, Stock stock, OrderProgress progress, People people) {
        this.rows = rows;
        this.receipts = rows.of(Receipt.TABLE);
        this.stock = stock;
        this.progress = progress;
        this.people = people;
    }

    record Filters(Long purchaseOrderLineId, Long partId, Long locationId) {
    }

    @QueryMapping
    Connection<Receipt> receipts(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                 @Argument Filters filters) {
        return receipts.list(caller, page, filters, (filter, f) -> filter
                .and("purchase_order_line_id = :line", "line", f.purchaseOrderLineId())
                .and("part_id = :part", "part", f.partId())
                .and("location_id = :location", "location", f.locationId()));
    }

    @QueryMapping
    Receipt receipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return receipts.get(caller, id);
    }

    record CreateInput(Long purchaseOrderLineId, Long locationId, BigDecimal quantity, String serialNumber,
                       String lotNumber, String notes) {
    }

    @MutationMapping
    @Transactional
    Saved<Receipt> createReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
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
        return new Saved<>(receipt);
    }

    /** What was received is fixed: to correct it, delete the receipt (which takes it back) and receive again. */
    record UpdateInput(Long id, String etag, String notes) {
    }

    @MutationMapping
    @Transactional
    Saved<Receipt> updateReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        return new Saved<>(receipts.update(caller, input.id(), input.etag(),
                Changes.forUpdate().optionalText("notes", input.notes())));
    }

    /** Takes a receipt back: out of stock (refused if already used), off the line, and the order's status follows. */
    @MutationMapping
    @Transactional
    Deleted deleteReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Receipt receipt = receipts.remove(caller, id, etag);
        if (receipt.partInventoryId() != null) {
            stock.take(org, receipt.partInventoryId(), receipt.quantity());
        }
        progress.received(org, rows.get(PurchaseOrderLine.TABLE, org, receipt.purchaseOrderLineId()),
                receipt.quantity().negate());
        return new Deleted(receipt.id());
    }

    @BatchMapping(typeName = "Receipt")
    Map<Receipt, User> receivedBy(List<Receipt> receipts) {
        return people.of(receipts, Receipt::receivedBy);
    }
}
