package io.hookline.manufacturing;

import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import io.hookline.testing.GraphQl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What stock, purchase orders and receiving accept, and the clear errors for what they refuse. */
class PurchasingRulesTest extends ManufacturingTest {

    private static void refused(GraphQl.Response response, String messageStart) {
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).startsWith(messageStart);
    }

    @Test
    void stock_is_never_negative_and_names_its_units_the_way_the_part_is_tracked() {
        Node stores = plant.location("Main stores", "STOCK");
        Node plain = plant.part("BRK-100", "NONE");
        Node serial = plant.part("CTL-1", "SERIAL");
        Node lot = plant.part("GLUE-7", "LOT");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", plain.id(), "locationId", stores.id(), "quantity", -2)),
                "quantity must not be negative");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", serial.id(), "locationId", stores.id(), "quantity", 1)),
                "serialNumber is required");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", serial.id(), "locationId", stores.id(), "quantity", 2,
                "serialNumber", "SN-1")), "quantity: a serial number names one unit");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", lot.id(), "locationId", stores.id(), "quantity", 5)),
                "lotNumber is required");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", plain.id(), "locationId", stores.id(), "quantity", 5,
                "lotNumber", "L1")), "lotNumber: part BRK-100 rev A is not tracked by lot");
        refused(mfg.tryCreate("PartInventory", Map.of("partId", plain.id(), "locationId", 999999, "quantity", 5)),
                "locationId: Location 999999 not found");
        mfg.create("PartInventory", Map.of("partId", serial.id(), "locationId", stores.id(), "quantity", 1, "serialNumber", "SN-1"));
        assertThat(mfg.tryCreate("PartInventory", Map.of("partId", serial.id(), "locationId", stores.id(), "quantity", 1,
                "serialNumber", "SN-1")).errorCode()).isEqualTo("CONFLICT");
        refused(mfg.tryUpdate("Part", mfg.reread("Part", serial.id()), Map.of("tracking", "NONE")), "tracking: part CTL-1 has inventory");
    }

    @Test
    void an_order_is_placed_with_lines_by_hand_and_received_only_through_receipts() {
        Node part = plant.part("BRK-100", "NONE");
        Node empty = mfg.create("PurchaseOrder", Map.of("supplier", "Acme Metals"));
        refused(mfg.tryUpdate("PurchaseOrder", empty, Map.of("status", "PLACED")), "status: PurchaseOrder " + empty.id() + " has no lines");
        refused(mfg.tryUpdate("PurchaseOrder", empty, Map.of("status", "RECEIVED")), "status: RECEIVED follows from receipts");
        refused(mfg.tryCreate("PurchaseOrderLine", Map.of("purchaseOrderId", empty.id(), "partId", part.id(),
                "quantityOrdered", 0)), "quantityOrdered must be greater than zero");
        refused(mfg.tryCreate("PurchaseOrderLine", Map.of("purchaseOrderId", empty.id(), "partId", part.id(),
                "quantityOrdered", 1, "unitPrice", "-0.01")), "unitPrice must not be negative");

        Node order = plant.place(plant.draftOrder(part, 10));
        refused(mfg.tryUpdate("PurchaseOrderLine", plant.line, Map.of("quantityOrdered", 20)),
                "PurchaseOrder " + order.id() + " is PLACED; its lines change only while it is a DRAFT");
        refused(mfg.tryUpdate("PurchaseOrder", order, Map.of("status", "DRAFT")), "status: a purchase order cannot go from PLACED to DRAFT");
    }

    @Test
    void receiving_needs_a_placed_order_and_never_takes_more_than_is_outstanding() {
        Node stores = plant.location("Main stores", "STOCK");
        plant.draftOrder(plant.part("BRK-100", "NONE"), 10);
        refused(mfg.tryCreate("Receipt", Map.of("purchaseOrderLineId", plant.line.id(), "locationId", stores.id(),
                "quantity", 1)), "purchaseOrderLineId: PurchaseOrder " + plant.order.id() + " is DRAFT");
        plant.place(plant.order);
        refused(mfg.tryCreate("Receipt", Map.of("purchaseOrderLineId", plant.line.id(), "locationId", stores.id(),
                "quantity", -1)), "quantity must be greater than zero");
        plant.receive(plant.line, stores, 7);
        refused(mfg.tryCreate("Receipt", Map.of("purchaseOrderLineId", plant.line.id(), "locationId", stores.id(),
                "quantity", 4)), "quantity: 4 is more than the 3 still outstanding");
        plant.receive(plant.line, stores, 3);

        GraphQl.Response received = api.execute("{ purchaseOrders { edges { node { status lines { quantityReceived } } } }"
                + " partInventories { edges { node { quantity } } } }").ok();
        assertThat(received.string("$.data.purchaseOrders.edges[0].node.status")).isEqualTo("RECEIVED");
        assertThat(received.string("$.data.purchaseOrders.edges[0].node.lines[0].quantityReceived")).isEqualTo("10");
        assertThat(received.<Object>path("$.data.partInventories.edges.length()")).isEqualTo(1);
        assertThat(received.string("$.data.partInventories.edges[0].node.quantity")).isEqualTo("10");
    }
}
