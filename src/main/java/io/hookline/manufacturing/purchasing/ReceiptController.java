package io.hookline.manufacturing.purchasing;

import java.util.List;
import java.util.Map;

import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.People;
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

/** Receipts: what {@link Receiving} recorded, and the notes on it, the one thing that changes afterwards. */
@Controller
class ReceiptController {

    private final TableRows<Receipt> receipts;
    private final Receiving receiving;
    private final People people;

    ReceiptController(Rows rows, Receiving receiving, People people) {
        this.receipts = rows.of(Receipt.TABLE);
        this.receiving = receiving;
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

    @MutationMapping
    @Transactional
    Saved<Receipt> createReceipt(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Receiving.Delivery input) {
        caller.requireAdmin();
        return new Saved<>(receiving.receive(caller, input));
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
        return new Deleted(receiving.takeBack(caller, id, etag).id());
    }

    @BatchMapping(typeName = "Receipt")
    Map<Receipt, User> receivedBy(List<Receipt> receipts) {
        return people.of(receipts, Receipt::receivedBy);
    }
}
