package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Connection;
import io.hookline.api.PageArgs;
import io.hookline.api.SqlFilter;
import io.hookline.auth.User;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.api.ListSort;
import io.hookline.manufacturing.inventory.PartInventory;
import io.hookline.manufacturing.inventory.Stock;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import org.springframework.graphql.data.method.annotation.Argument;
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
    private final Stock stock;
    private final OrderProgress progress;
    private final People people;

    ReceiptController(Rows rows, Stock stock, OrderProgress progress, People people) {
        this.rows = rows;
        this.stock = stock;
        this.progress = progress;
        this.people = people;
    }

    record Filters(Long purchaseOrderLineId, Long partId, Long locationId) {
    }

    record CreateInput(Long purchaseOrderLineId, Long locationId, BigDecimal quantity, String serialNumber,
                       String lotNumber, String notes) {
    }

    /** What was received is fixed: to correct it, delete the receipt (which takes it back) and receive again. */
    record UpdateInput(Long id, String etag, String notes) {
    }

    record Payload(Receipt receipt) {
    }

    @QueryMapping
    Receipt receipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(Receipt.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<Receipt> receipts(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                 @Argument String after, @Argument Integer last, @Argument String before,
                                 @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("purchase_order_line_id = :line", "line", f.purchaseOrderLineId())
                .and("part_id = :part", "part", f.partId())
                .and("location_id = :location", "location", f.locationId());
        return rows.page(Receipt.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        PurchaseOrderLine line = rows.reference(PurchaseOrderLine.TABLE, org,
                Inputs.required("purchaseOrderLineId", input.purchaseOrderLineId()), "purchaseOrderLineId");
        Location location = rows.reference(Location.TABLE, org, Inputs.required("locationId", input.locationId()),
                "locationId");
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
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("purchase_order_line_id", line.id());
        values.put("part_id", part.id());
        values.put("location_id", location.id());
        values.put("part_inventory_id", inventory.id());
        values.put("quantity", quantity);
        values.put("serial_number", serial);
        values.put("lot_number", lot);
        values.put("notes", Inputs.optionalText("notes", input.notes()));
        values.put("received_by", caller.userId());
        Receipt receipt = rows.insert(Receipt.TABLE, org, values);
        progress.received(org, line, quantity);
        return new Payload(receipt);
    }

    @MutationMapping
    @Transactional
    Payload updateReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.notes() != null) {
            changes.put("notes", Inputs.optionalText("notes", input.notes()));
        }
        return new Payload(rows.update(Receipt.TABLE, caller.organizationId(), Inputs.id(input.id()),
                Inputs.etag(input.etag()), changes));
    }

    /** Takes a receipt back: out of stock (refused if already used), off the line, and the order's status follows. */
    @MutationMapping
    @Transactional
    Deleted deleteReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id, @Argument String etag) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Receipt receipt = rows.delete(Receipt.TABLE, org, id, Inputs.etag(etag));
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
