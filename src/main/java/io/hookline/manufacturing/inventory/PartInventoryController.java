package io.hookline.manufacturing.inventory;

import java.math.BigDecimal;

import io.hookline.api.Caller;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class PartInventoryController {

    private final TableRows<PartInventory> inventories;
    private final TableRows<Part> parts;
    private final TableRows<Location> locations;

    PartInventoryController(Rows rows) {
        this.inventories = rows.of(PartInventory.TABLE);
        this.parts = rows.of(Part.TABLE);
        this.locations = rows.of(Location.TABLE);
    }

    record Filters(Long partId, Long locationId, String serialNumber, String lotNumber) {
    }

    @QueryMapping
    Connection<PartInventory> partInventories(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Arguments ListPage page,
                                              @Argument Filters filters) {
        return inventories.list(caller, page, filters, (filter, f) -> filter
                .and("part_id = :part", "part", f.partId())
                .and("location_id = :location", "location", f.locationId())
                .and("serial_number = :serial", "serial", f.serialNumber())
                .and("lot_number = :lot", "lot", f.lotNumber()));
    }

    @QueryMapping
    PartInventory partInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return inventories.get(caller, id);
    }

    record CreateInput(Long partId, Long locationId, BigDecimal quantity, String serialNumber, String lotNumber) {
    }

    @MutationMapping
    @Transactional
    Saved<PartInventory> createPartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                             @Argument CreateInput input) {
        caller.requireAdmin();
        Part part = parts.reference(caller, input.partId(), "partId");
        Changes values = Changes.forInsert().set("part_id", part.id());
        fields(caller, values, input.locationId(), input.quantity(), input.serialNumber(), input.lotNumber());
        part.checkTracking(values.valueOr("serial_number", null), values.valueOr("lot_number", null),
                values.valueOr("quantity", null));
        return new Saved<>(inventories.insert(caller, values));
    }

    record UpdateInput(Long id, String etag, Long locationId, BigDecimal quantity, String serialNumber,
                       String lotNumber) {
    }

    @MutationMapping
    @Transactional
    Saved<PartInventory> updatePartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                             @Argument UpdateInput input) {
        caller.requireAdmin();
        PartInventory current = inventories.get(caller, Inputs.id(input.id()));
        Changes changes = fields(caller, Changes.forUpdate(), input.locationId(), input.quantity(),
                input.serialNumber(), input.lotNumber());
        parts.get(caller, current.partId()).checkTracking(
                changes.valueOr("serial_number", current.serialNumber()),
                changes.valueOr("lot_number", current.lotNumber()),
                changes.valueOr("quantity", current.quantity()));
        return new Saved<>(inventories.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deletePartInventory(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                @Argument String etag) {
        caller.requireAdmin();
        return inventories.delete(caller, id, etag);
    }

    private Changes fields(Caller caller, Changes changes, Long locationId, BigDecimal quantity, String serialNumber,
                           String lotNumber) {
        return changes
                .field("locationId", locationId, id -> locations.reference(caller, id, "locationId").id())
                .field("quantity", quantity, q -> Inputs.nonNegative("quantity", Inputs.required("quantity", q)))
                .optionalText("serialNumber", serialNumber)
                .optionalText("lotNumber", lotNumber);
    }
}
