package io.hookline.manufacturing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;

/** Builds a small plant through the public API: one object of every resource, linked as in real use. */
final class Plant {

    final Api api;
    Node workcenter;
    Node stock;
    Node part;
    Node procedure;
    Node run;
    Node runStep;
    Node fieldValue;
    Node issue;
    Node order;
    Node line;
    Node receipt;
    Node inventory;
    Node attachment;

    Plant(Api api) {
        this.api = api;
    }

    Node location(String name, String kind) {
        return api.create("Location", Map.of("name", name, "kind", kind));
    }

    Node part(String number, String tracking) {
        return api.create("Part", Map.of("partNumber", number, "tracking", tracking, "description", "Bracket"));
    }

    /** A procedure of one step "Torque" with a NUMBER field "torque" limited to 10..12 and a TEXT field "operator". */
    Node torqueProcedure() {
        return api.create("Procedure", Map.of("name", "Assemble bracket", "steps", List.of(Map.of(
                "title", "Torque bolts", "instructions", "Torque all four bolts",
                "fields", List.of(Map.of("name", "torque", "type", "NUMBER", "minimum", 10, "maximum", 12, "unit", "Nm"),
                        Map.of("name", "operator", "type", "TEXT"))))));
    }

    Node run(String title, Node procedure, Node part, Node workcenter) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("title", title));
        if (procedure != null) {
            input.put("procedureId", procedure.id());
        }
        if (part != null) {
            input.put("partId", part.id());
            input.put("quantity", 5);
        }
        if (workcenter != null) {
            input.put("workcenterId", workcenter.id());
        }
        return api.create("Run", input);
    }

    /** The run's first step, as created from its procedure. */
    Node firstStep(Node run) {
        var response = api.graphQl().execute("query($r: ID!) { run(id: $r) { steps { id _etag } } }",
                Map.of("r", run.id())).ok();
        return new Node(response.id("$.data.run.steps[0].id"), response.string("$.data.run.steps[0]._etag"));
    }

    /** A DRAFT order for {@code quantity} of the part, with one line. */
    Node draftOrder(Node part, int quantity) {
        order = api.create("PurchaseOrder", Map.of("supplier", "Acme Metals", "reference", "PO-1001"));
        line = api.create("PurchaseOrderLine", Map.of("purchaseOrderId", order.id(), "partId", part.id(),
                "quantityOrdered", quantity, "unitPrice", "12.50"));
        return order;
    }

    Node place(Node order) {
        this.order = api.update("PurchaseOrder", order, Map.of("status", "PLACED"));
        return this.order;
    }

    Node receive(Node line, Node location, Object quantity) {
        return api.create("Receipt", Map.of("purchaseOrderLineId", line.id(), "locationId", location.id(),
                "quantity", quantity));
    }

    /** One object of every resource, in this organization. */
    Plant build() {
        workcenter = location("Assembly cell 1", "WORKCENTER");
        stock = location("Main stores", "STOCK");
        part = part("BRK-100", "NONE");
        procedure = torqueProcedure();
        run = run("Build 5 brackets", procedure, part, workcenter);
        runStep = firstStep(run);
        fieldValue = api.create("RunStepFieldValue", Map.of("runStepId", runStep.id(), "fieldName", "torque",
                "numberValue", 11));
        issue = api.create("Issue", Map.of("title", "Scratched bracket", "runId", run.id()));
        place(draftOrder(part, 10));
        receipt = receive(line, stock, 4);
        String inventories = "{ partInventories { edges { node { id _etag } } } }";
        var found = api.graphQl().execute(inventories).ok();
        inventory = new Node(found.id("$.data.partInventories.edges[0].node.id"),
                found.string("$.data.partInventories.edges[0].node._etag"));
        attachment = api.create("FileAttachment", Map.of("resource", "RUNS", "resourceId", run.id(),
                "name", "traveler.pdf", "contentType", "application/pdf", "sizeBytes", 20480));
        line = api.reread("PurchaseOrderLine", line.id());
        order = api.reread("PurchaseOrder", order.id());
        return this;
    }

    /** The object of a resource of ResourceEnum, after {@link #build()}. */
    Node of(String resource) {
        return switch (resource) {
            case "LOCATIONS" -> workcenter;
            case "PARTS" -> part;
            case "PART_INVENTORIES" -> inventory;
            case "PROCEDURES" -> procedure;
            case "RUNS" -> run;
            case "RUN_STEPS" -> runStep;
            case "RUN_STEP_FIELD_VALUES" -> fieldValue;
            case "ISSUES" -> issue;
            case "PURCHASE_ORDERS" -> order;
            case "PURCHASE_ORDER_LINES" -> line;
            case "RECEIPTS" -> receipt;
            case "FILE_ATTACHMENTS" -> attachment;
            default -> throw new IllegalArgumentException(resource);
        };
    }
}
