package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import io.hookline.testing.GraphQl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another organization's admin sees none of a plant and changes none of it: every resource is
 * NOT_FOUND by id, absent from lists, not updatable or deletable, and not linkable.
 */
class IsolationTest extends ManufacturingTest {

    private Api intruder;

    static List<String> resources() {
        return Events.RESOURCES;
    }

    @BeforeEach
    void aPlantAndAnIntruder() {
        plant.build();
        intruder = new Api(api.as(tenants.organization("Intruder").token()));
    }

    @ParameterizedTest
    @MethodSource("resources")
    void another_organization_gets_not_found_by_id(String resource) {
        String type = Api.TYPES.get(resource);
        assertThat(intruder.get(type, plant.of(resource).id(), "id").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(mfg.get(type, plant.of(resource).id(), "id").ok().errors()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("resources")
    void another_organization_sees_nothing_in_lists(String resource) {
        String list = Api.field(Api.TYPES.get(resource)).replaceAll("y$", "ie") + "s";
        String document = "{ " + list + " { pageInfo { totalCount } edges { node { id } } } }";
        GraphQl.Response theirs = intruder.graphQl().execute(document).ok();
        assertThat(theirs.<Integer>path("$.data." + list + ".pageInfo.totalCount")).isZero();
        assertThat(api.execute(document).ok().<Integer>path("$.data." + list + ".pageInfo.totalCount")).isPositive();
    }

    @ParameterizedTest
    @MethodSource("resources")
    void another_organization_cannot_update_or_delete(String resource) {
        String type = Api.TYPES.get(resource);
        Node node = plant.of(resource);
        assertThat(intruder.tryUpdate(type, node, Map.of()).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.tryDelete(type, node).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(mfg.reread(type, node.id()).etag()).isEqualTo(node.etag());
    }

    @ParameterizedTest
    @MethodSource("resources")
    void another_organization_cannot_attach_files_to_anything(String resource) {
        if (resource.equals("FILE_ATTACHMENTS")) {
            return;
        }
        GraphQl.Response response = intruder.tryCreate("FileAttachment", Map.of("resource", resource,
                "resourceId", plant.of(resource).id(), "name", "x.txt", "contentType", "text/plain", "sizeBytes", 1));
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).startsWith("resourceId: ");
    }

    @ParameterizedTest
    @MethodSource("references")
    void another_organization_cannot_link_to_the_plant(String type, String field, String resource,
                                                       Map<String, Object> rest) {
        Map<String, Object> input = new java.util.HashMap<>(rest);
        input.put(field, plant.of(resource).id());
        GraphQl.Response response = intruder.tryCreate(type, input);
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).startsWith(field + ": ").contains("not found");
    }

    static List<org.junit.jupiter.params.provider.Arguments> references() {
        return List.of(
                args("Run", "workcenterId", "LOCATIONS", Map.of("title", "x")),
                args("Run", "partId", "PARTS", Map.of("title", "x")),
                args("Run", "procedureId", "PROCEDURES", Map.of("title", "x")),
                args("PartInventory", "partId", "PARTS", Map.of("locationId", 0, "quantity", 1)),
                args("RunStep", "runId", "RUNS", Map.of("title", "x")),
                args("RunStepFieldValue", "runStepId", "RUN_STEPS", Map.of("fieldName", "torque", "numberValue", 1)),
                args("Issue", "runId", "RUNS", Map.of("title", "x")),
                args("Issue", "runStepId", "RUN_STEPS", Map.of("title", "x")),
                args("Issue", "partId", "PARTS", Map.of("title", "x")),
                args("PurchaseOrderLine", "purchaseOrderId", "PURCHASE_ORDERS", Map.of("partId", 0, "quantityOrdered", 1)),
                args("Receipt", "purchaseOrderLineId", "PURCHASE_ORDER_LINES", Map.of("locationId", 0, "quantity", 1)));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String type, String field, String resource,
                                                                    Map<String, Object> rest) {
        return org.junit.jupiter.params.provider.Arguments.of(type, field, resource, rest);
    }
}
