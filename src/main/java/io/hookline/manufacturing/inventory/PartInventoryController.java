package io.hookline.manufacturing.inventory;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hookline.api.Caller;
import io.hookline.api.Connection;
import io.hookline.api.PageArgs;
import io.hookline.api.SqlFilter;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.Rows;
import io.hookline.api.ListSort;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PartInventoryController {

    private final Rows rows;

    PartInventoryController(Rows rows) {
        this.rows = rows;
    }

    record Filters(Long partId, Long locationId, String serialNumber, String lotNumber) {
    }

    record CreateInput(Long partId, Long locationId, BigDecimal quantity, String serialNumber, String lotNumber) {
    }

    record UpdateInput(Long id, String etag, Long locationId, BigDecimal quantity, String serialNumber,
                       String lotNumber) {
    }

    record Payload(PartInventory partInventory) {
    }

    @QueryMapping
    PartInventory partInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return rows.get(PartInventory.TABLE, caller.organizationId(), id);
    }

    @QueryMapping
    Connection<PartInventory> partInventories(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                              @Argument String after, @Argument Integer last, @Argument String before,
                                              @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("part_id = :part", "part", f.partId())
                .and("location_id = :location", "location", f.locationId())
                .and("serial_number = :serial", "serial", f.serialNumber())
                .and("lot_number = :lot", "lot", f.lotNumber());
        return rows.page(PartInventory.TABLE, filter, sort, PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    Payload createPartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        Part part = rows.reference(Part.TABLE, org, Inputs.required("partId", input.partId()), "partId");
        rows.reference(Location.TABLE, org, Inputs.required("locationId", input.locationId()), "locationId");
        BigDecimal quantity = Inputs.nonNegative("quantity", Inputs.required("quantity", input.quantity()));
        String serial = Inputs.optionalText("serialNumber", input.serialNumber());
        String lot = Inputs.optionalText("lotNumber", input.lotNumber());
        part.checkTracking(serial, lot, quantity);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("part_id", part.id());
        values.put("location_id", input.locationId());
        values.put("quantity", quantity);
        values.put("serial_number", serial);
        values.put("lot_number", lot);
        return new Payload(rows.insert(PartInventory.TABLE, org, values));
    }

    @MutationMapping
    @Transactional
    Payload updatePartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        PartInventory current = rows.get(PartInventory.TABLE, org, Inputs.id(input.id()));
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.locationId() != null) {
            changes.put("location_id", rows.reference(Location.TABLE, org, input.locationId(), "locationId").id());
        }
        if (input.quantity() != null) {
            changes.put("quantity", Inputs.nonNegative("quantity", input.quantity()));
        }
        if (input.serialNumber() != null) {
            changes.put("serial_number", Inputs.optionalText("serialNumber", input.serialNumber()));
        }
        if (input.lotNumber() != null) {
            changes.put("lot_number", Inputs.optionalText("lotNumber", input.lotNumber()));
        }
        Part part = rows.get(Part.TABLE, org, current.partId());
        part.checkTracking(
                (String) changes.getOrDefault("serial_number", current.serialNumber()),
                (String) changes.getOrDefault("lot_number", current.lotNumber()),
                (BigDecimal) changes.getOrDefault("quantity", current.quantity()));
        return new Payload(rows.update(PartInventory.TABLE, org, current.id(), Inputs.etag(input.etag()), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                @Argument String etag) {
        caller.requireAdmin();
        return new Deleted(rows.delete(PartInventory.TABLE, caller.organizationId(), id, Inputs.etag(etag)).id());
    }
}
