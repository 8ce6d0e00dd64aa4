package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Locations, parts, inventory, procedures and attachments fire one event per created, changed or deleted row. */
class CatalogEventsTest extends ManufacturingTest {

    @Test
    void a_location_fires_on_create_update_and_delete() {
        events.subscribeToEverything();
        Node location = plant.location("Paint booth", "WORKCENTER");
        mfg.delete("Location", mfg.update("Location", location, Map.of("kind", "STOCK")));

        assertLifecycle(events.awaitAll(), "LOCATIONS", location.id(), "kind", "WORKCENTER", "STOCK");
    }

    @Test
    void a_part_fires_on_create_update_and_delete() {
        events.subscribeToEverything();
        Node part = plant.part("BRK-100", "NONE");
        mfg.delete("Part", mfg.update("Part", part, Map.of("revision", "B")));

        assertLifecycle(events.awaitAll(), "PARTS", part.id(), "revision", "A", "B");
    }

    @Test
    void a_part_inventory_fires_on_create_update_and_delete() {
        Node part = plant.part("BRK-100", "LOT");
        Node stores = plant.location("Main stores", "STOCK");
        events.subscribeToEverything();
        Node stock = mfg.create("PartInventory", Map.of("partId", part.id(), "locationId", stores.id(),
                "quantity", "7.5", "lotNumber", "L-42"));
        mfg.delete("PartInventory", mfg.update("PartInventory", stock, Map.of("quantity", 3)));

        List<Events.Event> got = events.awaitAll();
        assertLifecycle(got, "PART_INVENTORIES", stock.id(), "quantity", 7.5, 3);
        assertThat(got.getFirst().<String>data("lot_number")).isEqualTo("L-42");
        assertThat(got.getFirst().<Integer>data("location_id")).isEqualTo((int) stores.id());
    }

    @Test
    void a_procedure_fires_on_create_update_and_delete_and_new_steps_are_a_new_version() {
        events.subscribeToEverything();
        Node procedure = plant.torqueProcedure();
        Node changed = mfg.update("Procedure", procedure, Map.of("steps", List.of(Map.of("title", "Inspect"))));
        mfg.delete("Procedure", changed);

        List<Events.Event> got = events.awaitAll();
        assertThat(Events.keys(got)).containsExactly("PROCEDURES CREATE", "PROCEDURES UPDATE", "PROCEDURES DELETE");
        assertThat(got.get(0).<String>data("steps[0].fields[0].name")).isEqualTo("torque");
        assertThat(got.get(1).changedFields()).containsExactly("steps", "version");
        assertThat(got.get(1).<Integer>previous("version")).isEqualTo(1);
        assertThat(got.get(1).<Integer>data("version")).isEqualTo(2);
        assertThat(got.get(1).<String>data("steps[0].title")).isEqualTo("Inspect");
        assertThat(got.get(2).<Integer>previous("id")).isEqualTo((int) procedure.id());
    }

    @Test
    void a_file_attachment_fires_on_create_update_and_delete_and_goes_with_its_object() {
        Node part = plant.part("BRK-100", "NONE");
        events.subscribeToEverything();
        Node drawing = mfg.create("FileAttachment", Map.of("resource", "PARTS", "resourceId", part.id(),
                "name", "drawing.pdf", "contentType", "application/pdf", "sizeBytes", 1024, "checksum", "sha256:ab"));
        mfg.delete("FileAttachment", mfg.update("FileAttachment", drawing, Map.of("name", "drawing-rev-b.pdf")));
        Node photo = mfg.create("FileAttachment", Map.of("resource", "PART", "resourceId", part.id(),
                "name", "photo.png", "contentType", "image/png", "sizeBytes", 2048));
        mfg.delete("Part", mfg.reread("Part", part.id()));

        List<Events.Event> got = events.awaitAll();
        assertLifecycle(got.subList(0, 3), "FILE_ATTACHMENTS", drawing.id(), "name", "drawing.pdf", "drawing-rev-b.pdf");
        assertThat(got.get(0).<String>data("resource")).isEqualTo("PARTS");
        assertThat(Events.keys(got.subList(3, got.size()))).containsExactlyInAnyOrder(
                "FILE_ATTACHMENTS CREATE", "FILE_ATTACHMENTS DELETE", "PARTS DELETE");
        assertThat(Events.find(got.subList(3, got.size()), "FILE_ATTACHMENTS DELETE").<Integer>previous("id"))
                .isEqualTo((int) photo.id());
    }
}
