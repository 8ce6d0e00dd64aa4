package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.part.Part;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** Lines change only while their order is a DRAFT: a placed order is what the supplier was sent. */
@Controller
class PurchaseOrderLineController {

    private final TableRows<PurchaseOrderLine> lines;
    private final TableRows<PurchaseOrder> orders;
    private final TableRows<Part> parts;

    PurchaseOrderLineController(Rows rows) {
        this.lines = rows.of(PurchaseOrderLine.TABLE);
        this.orders = rows.of(PurchaseOrder.TABLE);
        this.parts = rows.of(Part.TABLE);
    }

    record Filters(Long purchaseOrderId, Long partId) {
    }

    @QueryMapping
    Connection<PurchaseOrderLine> purchaseOrderLines(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Arguments ListPage page, @Argument Filters filters) {
        return lines.list(caller, page, filters, (filter, f) -> filter
                .and("purchase_order_id = :order", "order", f.purchaseOrderId())
                .and("part_id = :part", "part", f.partId()));
    }

    @QueryMapping
    PurchaseOrderLine purchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return lines.get(caller, id);
    }

    record CreateInput(Long purchaseOrderId, Long partId, BigDecimal quantityOrdered, BigDecimal unitPrice) {
    }

    @MutationMapping
    @Transactional
    Saved<PurchaseOrderLine> createPurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Argument CreateInput input) {
        caller.requireAdmin();
        PurchaseOrder order = orders.reference(caller, input.purchaseOrderId(), "purchaseOrderId");
        requireDraft(order);
        Changes values = Changes.forInsert().set("purchase_order_id", order.id());
        return new Saved<>(lines.insert(caller,
                fields(caller, values, input.partId(), input.quantityOrdered(), input.unitPrice())));
    }

    record UpdateInput(Long id, String etag, Long partId, BigDecimal quantityOrdered, BigDecimal unitPrice) {
    }

    @MutationMapping
    @Transactional
    Saved<PurchaseOrderLine> updatePurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Argument UpdateInput input) {
        caller.requireAdmin();
        PurchaseOrderLine current = lines.get(caller, Inputs.id(input.id()));
        requireDraft(orders.get(caller, current.purchaseOrderId()));
        Changes changes = fields(caller, Changes.forUpdate(), input.partId(), input.quantityOrdered(), input.unitPrice());
        return new Saved<>(lines.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                    @Argument String etag) {
        caller.requireAdmin();
        requireDraft(orders.get(caller, lines.get(caller, id).purchaseOrderId()));
        return lines.delete(caller, id, etag);
    }

    private Changes fields(Caller caller, Changes changes, Long partId, BigDecimal quantityOrdered,
                           BigDecimal unitPrice) {
        return changes
                .field("partId", partId, id -> parts.reference(caller, id, "partId").id())
                .field("quantityOrdered", quantityOrdered, q -> Inputs.positive("quantityOrdered", q))
                .field("unitPrice", unitPrice, BigDecimal.ZERO, p -> Inputs.price("unitPrice", p));
    }

    private static void requireDraft(PurchaseOrder order) {
        if (order.status() != PurchaseOrder.Status.DRAFT) {
            throw ApiException.badInput("PurchaseOrder " + order.id() + " is " + order.status()
                    + "; its lines change only while it is a DRAFT");
        }
    }
}
