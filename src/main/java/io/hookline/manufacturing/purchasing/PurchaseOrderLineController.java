package io.hookline.manufacturing.purchasing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
import io.hookline.manufacturing.part.Part;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** Lines change only while their order is a DRAFT: a placed order is what the supplier was sent. */
@Controller
class PurchaseOrderLineController {

    private final Rows rows;

    PurchaseOrderLineController(Rows rows) {
        this.rows = rows;
    }

    record Filters(Long purchaseOrderId, Long partId) {
    }

    record CreateInput(Long purchaseOrderId, Long partId, BigDecimal quantityOrdered, BigDecimal unitPrice) {
    }

    record UpdateInput(Long id, String etag, Long partId, BigDecimal quantityOrdered, BigDecimal unitPrice) {
    }

    record Payload(PurchaseOrderLine purchaseOrderLine) {
    }

    @QueryMapping
    PurchaseOrderLine purchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(PurchaseOrderLine.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<PurchaseOrderLine> purchaseOrderLines(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Argument Integer first, @Argument String after,
                                                     @Argument Integer last, @Argument String before,
                                                     @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("purchase_order_id = :order", "order", f.purchaseOrderId())
                .and("part_id = :part", "part", f.partId());
        return rows.page(PurchaseOrderLine.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createPurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        PurchaseOrder order = rows.reference(PurchaseOrder.TABLE, org,
                Inputs.required("purchaseOrderId", input.purchaseOrderId()), "purchaseOrderId");
        requireDraft(order);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("purchase_order_id", order.id());
        values.put("part_id", rows.reference(Part.TABLE, org, Inputs.required("partId", input.partId()), "partId").id());
        values.put("quantity_ordered", Inputs.positive("quantityOrdered", input.quantityOrdered()));
        values.put("unit_price", input.unitPrice() == null ? BigDecimal.ZERO
                : Inputs.price("unitPrice", input.unitPrice()));
        return new Payload(rows.insert(PurchaseOrderLine.TABLE, org, values));
    }

    @MutationMapping
    @Transactional
    Payload updatePurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        PurchaseOrderLine current = rows.get(PurchaseOrderLine.TABLE, org, Inputs.id(input.id()));
        requireDraft(rows.get(PurchaseOrder.TABLE, org, current.purchaseOrderId()));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.partId() != null) {
            changes.put("part_id", rows.reference(Part.TABLE, org, input.partId(), "partId").id());
        }
        if (input.quantityOrdered() != null) {
            changes.put("quantity_ordered", Inputs.positive("quantityOrdered", input.quantityOrdered()));
        }
        if (input.unitPrice() != null) {
            changes.put("unit_price", Inputs.price("unitPrice", input.unitPrice()));
        }
        return new Payload(rows.update(PurchaseOrderLine.TABLE, org, current.id(), Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePurchaseOrderLine(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                    @Argument String etag) {
        caller.requireAdmin();
        long org = caller.organizationId();
        requireDraft(rows.get(PurchaseOrder.TABLE, org, rows.get(PurchaseOrderLine.TABLE, org, id).purchaseOrderId()));
        return new Deleted(rows.delete(PurchaseOrderLine.TABLE, org, id, Inputs.etag(etag)).id());
    }

    private static void requireDraft(PurchaseOrder order) {
        if (order.status() != PurchaseOrder.Status.DRAFT) {
            throw ApiException.badInput("PurchaseOrder " + order.id() + " is " + order.status()
                    + "; its lines change only while it is a DRAFT");
        }
    }
}
