package io.hookline.manufacturing.purchasing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PurchaseOrderController {

    private final Rows rows;
    private final TableRows<PurchaseOrder> orders;
    private final Clock clock;

    PurchaseOrderController(Rows rows, Clock clock) {
        this.rows = rows;
        this.orders = rows.of(PurchaseOrder.TABLE);
        this.clock = clock;
    }

    record Filters(List<PurchaseOrder.Status> status, String supplierContains) {
    }

    @QueryMapping
    Connection<PurchaseOrder> purchaseOrders(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                             @Argument Filters filters) {
        return orders.list(caller, page, filters, (filter, f) -> filter
                .and("status in (:status)", "status", Inputs.names(f.status()))
                .and("supplier ilike '%' || :supplier || '%'", "supplier", Inputs.like(f.supplierContains())));
    }

    @QueryMapping
    PurchaseOrder purchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return orders.get(caller, id);
    }

    record CreateInput(String supplier, String reference) {
    }

    @MutationMapping
    @Transactional
    Saved<PurchaseOrder> createPurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                             @Argument CreateInput input) {
        caller.requireAdmin();
        return new Saved<>(orders.insert(caller, Changes.forInsert()
                .text("supplier", input.supplier())
                .optionalText("reference", input.reference())));
    }

    record UpdateInput(Long id, String etag, String supplier, String reference, PurchaseOrder.Status status) {
    }

    /** Placing an order needs at least one line and records when; receiving moves it on from there. */
    @MutationMapping
    @Transactional
    Saved<PurchaseOrder> updatePurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                             @Argument UpdateInput input) {
        caller.requireAdmin();
        PurchaseOrder current = orders.get(caller, Inputs.id(input.id()));
        Changes changes = Changes.forUpdate()
                .text("supplier", input.supplier())
                .optionalText("reference", input.reference());
        PurchaseOrder.Status status = input.status();
        if (status != null && status != current.status()) {
            if (status == PurchaseOrder.Status.PARTIALLY_RECEIVED || status == PurchaseOrder.Status.RECEIVED) {
                throw ApiException.badInput("status: " + status + " follows from receipts; create a Receipt instead");
            }
            PurchaseOrder.BY_HAND.check(current.status(), status);
            if (status == PurchaseOrder.Status.PLACED && lines(current.id()).isEmpty()) {
                throw ApiException.badInput("status: PurchaseOrder " + current.id() + " has no lines to place");
            }
            changes.set("status", status);
            if (status == PurchaseOrder.Status.PLACED) {
                changes.set("placed_at", OffsetDateTime.now(clock));
            }
        }
        return new Saved<>(orders.update(caller, current.id(), input.etag(), changes));
    }

    /** Deletes the order and its lines (each firing); refused once anything was received against it. */
    @MutationMapping
    @Transactional
    Deleted deletePurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                @Argument String etag) {
        caller.requireAdmin();
        return orders.delete(caller, id, etag);
    }

    @BatchMapping(typeName = "PurchaseOrder")
    Map<PurchaseOrder, List<PurchaseOrderLine>> lines(List<PurchaseOrder> orders) {
        return rows.children(orders, PurchaseOrderLine.TABLE, "purchase_order_id", PurchaseOrderLine::purchaseOrderId);
    }

    private List<PurchaseOrderLine> lines(long orderId) {
        return rows.where(PurchaseOrderLine.TABLE, "purchase_order_id = :order", Map.of("order", orderId));
    }
}
