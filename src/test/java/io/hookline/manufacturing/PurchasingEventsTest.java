package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Purchase orders, their lines and receipts fire one event per created, changed or deleted row. */
class PurchasingEventsTest extends ManufacturingTest {

    @Test
    void a_purchase_order_fires_on_create_update_and_delete() {
        events.subscribeToEverything();
        Node order = mfg.create("PurchaseOrder", Map.of("supplier", "Acme Metals"));
        mfg.delete("PurchaseOrder", mfg.update("PurchaseOrder", order, Map.of("supplier", "Apex Alloys")));

        assertLifecycle(events.awaitAll(), "PURCHASE_ORDERS", order.id(), "supplier", "Acme Metals", "Apex Alloys");
    }

    @Test
    void a_purchase_order_line_fires_on_create_update_and_delete() {
        Node part = plant.part("BRK-100", "NONE");
        Node order = mfg.create("PurchaseOrder", Map.of("supplier", "Acme Metals"));
        events.subscribeToEverything();
        Node line = mfg.create("PurchaseOrderLine", Map.of("purchaseOrderId", order.id(), "partId", part.id(),
                "quantityOrdered", 10, "unitPrice", "2.25"));
        mfg.delete("PurchaseOrderLine", mfg.update("PurchaseOrderLine", line, Map.of("unitPrice", "2.10")));

        List<Events.Event> got = events.awaitAll();
        assertLifecycle(got, "PURCHASE_ORDER_LINES", line.id(), "unit_price", 2.25, 2.1);
        assertThat(got.getFirst().decimal("$.data.quantity_received")).isZero();
    }

    @Test
    void a_receipt_fires_with_the_stock_line_and_order_it_changes_and_taking_it_back_reverses_them() {
        Node stores = plant.location("Main stores", "STOCK");
        plant.place(plant.draftOrder(plant.part("BRK-100", "NONE"), 10));
        events.subscribeToEverything();

        Node receipt = plant.receive(plant.line, stores, 10);
        List<Events.Event> received = events.awaitAll();
        Node noted = mfg.update("Receipt", receipt, Map.of("notes", "box dented"));
        mfg.delete("Receipt", noted);
        List<Events.Event> got = events.awaitAll();

        assertThat(Events.keys(received)).containsExactlyInAnyOrder("RECEIPTS CREATE", "PART_INVENTORIES CREATE",
                "PURCHASE_ORDER_LINES UPDATE", "PURCHASE_ORDERS UPDATE");
        assertThat(received.stream().map(Events.Event::transactionId).distinct()).hasSize(1);
        assertThat(Events.find(received, "PURCHASE_ORDER_LINES UPDATE").changedFields())
                .containsExactly("quantity_received");
        assertThat(Events.find(received, "PURCHASE_ORDERS UPDATE").<String>data("status")).isEqualTo("RECEIVED");
        assertThat(Events.find(received, "PART_INVENTORIES CREATE").decimal("$.data.quantity")).isEqualByComparingTo("10");

        List<Events.Event> later = got.subList(received.size(), got.size());
        assertThat(Events.keys(later)).containsExactlyInAnyOrder("RECEIPTS UPDATE", "RECEIPTS DELETE",
                "PART_INVENTORIES UPDATE", "PURCHASE_ORDER_LINES UPDATE", "PURCHASE_ORDERS UPDATE");
        assertThat(Events.find(later, "RECEIPTS UPDATE").changedFields()).containsExactly("notes");
        assertThat(Events.find(later, "RECEIPTS DELETE").<Integer>previous("id")).isEqualTo((int) receipt.id());
        assertThat(Events.find(later, "PART_INVENTORIES UPDATE").decimal("$.data.quantity")).isZero();
        assertThat(Events.find(later, "PURCHASE_ORDERS UPDATE").<String>data("status")).isEqualTo("PLACED");
    }
}
