package io.hookline.manufacturing;

import java.util.HashMap;
import java.util.Map;

import io.hookline.testing.GraphQl;

/**
 * The manufacturing mutations every resource shares, sent as real documents: {@code createX},
 * {@code updateX(input: {id, etag, …})}, {@code deleteX(id, etag)} and {@code x(id)}.
 */
final class Api {

    /** The GraphQL type of each resource of ResourceEnum. */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("LOCATIONS", "Location"), Map.entry("PARTS", "Part"),
            Map.entry("PART_INVENTORIES", "PartInventory"), Map.entry("PROCEDURES", "Procedure"),
            Map.entry("RUNS", "Run"), Map.entry("RUN_STEPS", "RunStep"),
            Map.entry("RUN_STEP_FIELD_VALUES", "RunStepFieldValue"), Map.entry("ISSUES", "Issue"),
            Map.entry("PURCHASE_ORDERS", "PurchaseOrder"), Map.entry("PURCHASE_ORDER_LINES", "PurchaseOrderLine"),
            Map.entry("RECEIPTS", "Receipt"), Map.entry("FILE_ATTACHMENTS", "FileAttachment"));

    private final GraphQl graphQl;

    Api(GraphQl graphQl) {
        this.graphQl = graphQl;
    }

    /** An object as last read: its id and the etag to send back. */
    record Node(long id, String etag) {
    }

    GraphQl graphQl() {
        return graphQl;
    }

    Node create(String type, Map<String, ?> input) {
        GraphQl.Response response = tryCreate(type, input).ok();
        return node(response, "create" + type);
    }

    GraphQl.Response tryCreate(String type, Map<String, ?> input) {
        return graphQl.execute("mutation($i: Create" + type + "Input!) { create" + type + "(input: $i) { "
                + field(type) + " { id _etag } } }", Map.of("i", input));
    }

    Node update(String type, Node node, Map<String, ?> changes) {
        return node(tryUpdate(type, node, changes).ok(), "update" + type);
    }

    GraphQl.Response tryUpdate(String type, Node node, Map<String, ?> changes) {
        Map<String, Object> input = new HashMap<>(changes);
        input.put("id", node.id());
        input.put("etag", node.etag());
        return graphQl.execute("mutation($i: Update" + type + "Input!) { update" + type + "(input: $i) { "
                + field(type) + " { id _etag } } }", Map.of("i", input));
    }

    GraphQl.Response tryDelete(String type, Node node) {
        return graphQl.execute("mutation($id: ID!, $e: String!) { delete" + type + "(id: $id, etag: $e) { id } }",
                Map.of("id", node.id(), "e", node.etag()));
    }

    void delete(String type, Node node) {
        tryDelete(type, node).ok();
    }

    /** Reads one object with the given fields, e.g. {@code "status startedAt"}. */
    GraphQl.Response get(String type, long id, String fields) {
        return graphQl.execute("query($id: ID!) { " + field(type) + "(id: $id) { " + fields + " } }", Map.of("id", id));
    }

    /** The object's current etag, for a change after the server changed it (e.g. by receiving). */
    Node reread(String type, long id) {
        return new Node(id, get(type, id, "_etag").ok().string("$.data." + field(type) + "._etag"));
    }

    static String field(String type) {
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    private static Node node(GraphQl.Response response, String mutation) {
        String path = "$.data." + mutation + "." + field(mutation.replaceFirst("^(create|update)", ""));
        return new Node(response.id(path + ".id"), response.string(path + "._etag"));
    }
}
