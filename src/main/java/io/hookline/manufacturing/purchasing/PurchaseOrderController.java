package io.hookline.manufacturing.purchasing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Connection;
import io.hookline.api.PageArgs;
import io.hookline.api.SqlFilter;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.Rows;
import io.hookline.api.ListSort;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PurchaseOrderController {

    private final Rows rows;
    private final Clock clock;

    PurchaseOrderController(Rows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    record Filters(List<PurchaseOrder.Status> status, String supplierContains) {
    }

    record CreateInput(String supplier, String reference) {
    }

    record UpdateInput(Long id, String etag, String supplier, String reference, PurchaseOrder.Status status) {
    }

    record Payload(PurchaseOrder purchaseOrder) {
    }

    @QueryMapping
    PurchaseOrder purchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(PurchaseOrder.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<PurchaseOrder> purchaseOrders(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                             @Argument String after, @Argument Integer last, @Argument String before,
                                             @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("status in (:status)", "status", Inputs.names(f.status()))
                .and("supplier ilike '%' || :supplier || '%'", "supplier", Inputs.like(f.supplierContains()));
        return rows.page(PurchaseOrder.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createPurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("supplier", Inputs.text("supplier", input.supplier()));
        values.put("reference", Inputs.optionalText("reference", input.reference()));
        return new Payload(rows.insert(PurchaseOrder.TABLE, caller.organizationId(), values));
    }

    /** Placing an order needs at least one line and records when; receiving moves it on from there. */
    @MutationMapping
    @Transactional
    Payload updatePurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        PurchaseOrder current = rows.get(PurchaseOrder.TABLE, org, Inputs.id(input.id()));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.supplier() != null) {
            changes.put("supplier", Inputs.text("supplier", input.supplier()));
        }
        if (input.reference() != null) {
            changes.put("reference", Inputs.optionalText("reference", input.reference()));
        }
        PurchaseOrder.Status status = input.status();
        if (status != null && status != current.status()) {
            if (status == PurchaseOrder.Status.PARTIALLY_RECEIVED || status == PurchaseOrder.Status.RECEIVED) {
                throw ApiException.badInput("status: " + status + " follows from receipts; create a Receipt instead");
            }
            PurchaseOrder.BY_HAND.check(current.status(), status);
            if (status == PurchaseOrder.Status.PLACED && lines(current.id()).isEmpty()) {
                throw ApiException.badInput("status: PurchaseOrder " + current.id() + " has no lines to place");
            }
            changes.put("status", status);
            if (status == PurchaseOrder.Status.PLACED) {
                changes.put("placed_at", OffsetDateTime.now(clock));
            }
        }
        return new Payload(rows.update(PurchaseOrder.TABLE, org, current.id(), Inputs.etag(input.etag()), changes));
    }

    /** Deletes the order and its lines (each firing); refused once anything was received against it. */
    @MutationMapping
    @Transactional
    Deleted deletePurchaseOrder(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(PurchaseOrder.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }

    @BatchMapping(typeName = "PurchaseOrder")
    Map<PurchaseOrder, List<PurchaseOrderLine>> lines(List<PurchaseOrder> orders) {
        return rows.children(orders, PurchaseOrderLine.TABLE, "purchase_order_id", PurchaseOrderLine::purchaseOrderId);
    }

    private List<PurchaseOrderLine> lines(long orderId) {
        return rows.where(PurchaseOrderLine.TABLE, "purchase_order_id = :order", Map.of("order", orderId));
    }
}
