package io.hookline.schema;

import java.time.Duration;
import java.util.Map;

import io.hookline.capture.Resource;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.PayloadConformance;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schemas describe the bodies as they really are, and a body off its schema is caught. */
class PayloadSchemaTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void every_resource_has_a_draft_2020_12_schema_over_graphql_and_the_singular_alias_answers_the_same() {
        for (Resource resource : Resource.values()) {
            JsonNode schema = schemaOf(resource.name());
            assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.at("/properties/resource/const").asString()).isEqualTo(resource.name());
            assertThat(schema.at("/$defs/row/properties/organization_id/type").asString()).isEqualTo("integer");
        }
        assertThat(schemaOf("RUN")).isEqualTo(schemaOf("RUNS"));
    }

    @Test
    void the_example_over_graphql_of_every_resource_and_action_matches_its_schema() {
        for (Resource resource : Resource.values()) {
            for (Resource.Action action : Resource.Action.values()) {
                String example = api.execute("query($r: ResourceEnum!, $a: ActionEnum!) { webhookPayloadExample(resource: $r, action: $a) }",
                        Map.of("r", resource.name(), "a", action.name())).ok().string("$.data.webhookPayloadExample");
                assertThat(PayloadConformance.violations(example)).as(resource + " " + action).isEmpty();
                JsonNode body = JSON.readTree(example);
                assertThat(body.path("action").asString()).isEqualTo(action.name());
                assertThat(body.path(action == Resource.Action.DELETE ? "previous_data" : "data").isObject()).isTrue();
            }
        }
    }

    @Test
    void the_schema_says_what_the_row_really_carries() {
        JsonNode row = schemaOf("RUNS").at("/$defs/row/properties");
        assertThat(row.at("/quantity/type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(row.at("/quantity/minimum").asInt()).isZero();
        assertThat(row.at("/status/enum").toString()).isEqualTo("[\"TODO\",\"IN_PROGRESS\",\"ON_HOLD\",\"COMPLETE\",\"CANCELED\"]");
        assertThat(row.at("/started_at/format").asString()).isEqualTo("date-time");
        assertThat(row.has("etag")).isTrue();
        assertThat(row.has("_etag")).isFalse();
        JsonNode lines = schemaOf("PURCHASE_ORDER_LINES").at("/$defs/row/properties");
        assertThat(lines.at("/quantity_ordered/exclusiveMinimum").asInt()).isZero();
        assertThat(lines.at("/quantity_ordered/type").asString()).isEqualTo("number");
        assertThat(schemaOf("RUNS").at("/properties/changed_fields/items/enum").toString())
                .contains("\"status\"").doesNotContain("\"etag\"", "\"updated_at\"");
    }

    @Test
    void real_bodies_of_every_action_match_and_a_wrong_type_or_a_missing_column_is_refused() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            Webhooks.Receiver hook = webhooks.receiver(receiver.url("/hooks"));
            for (String action : new String[] {"CREATE", "UPDATE", "DELETE"}) {
                webhooks.subscribe(hook.id(), "PART_INVENTORIES", action);
            }
            long part = jdbc.sql("insert into parts (organization_id, part_number) values (:org, 'P-1') returning id")
                    .param("org", tenant.organizationId()).query(Long.class).single();
            long location = jdbc.sql("insert into locations (organization_id, name, kind) values (:org, 'Stock', 'STOCK') returning id")
                    .param("org", tenant.organizationId()).query(Long.class).single();
            long inventory = jdbc.sql("""
                    insert into part_inventories (organization_id, part_id, location_id, quantity)
                    values (:org, :part, :location, 1) returning id""")
                    .param("org", tenant.organizationId()).param("part", part).param("location", location)
                    .query(Long.class).single();
            jdbc.sql("update part_inventories set quantity = 2.5 where id = :id").param("id", inventory).update();
            jdbc.sql("delete from part_inventories where id = :id").param("id", inventory).update();

            var requests = receiver.awaitRequests(3, WAIT);
            ObjectNode created = body(requests, "CREATE");
            // The truth a receiver sees: numeric(18, 6) with its decimals, etag, and no changed fields on CREATE.
            assertThat(rawBody(requests, "CREATE")).containsPattern("\"quantity\" ?: ?1\\.000000[,}]");
            assertThat(created.at("/data/etag").isString()).isTrue();
            assertThat(created.at("/changed_fields").toString()).isEqualTo("[]");
            assertThat(body(requests, "UPDATE").at("/changed_fields").toString()).isEqualTo("[\"quantity\"]");
            for (String action : new String[] {"CREATE", "UPDATE", "DELETE"}) {
                assertThat(PayloadConformance.violations(body(requests, action).toString())).isEmpty();
            }

            ObjectNode wrongType = created.deepCopy();
            ((ObjectNode) wrongType.get("data")).put("quantity", "1.000000");
            assertThat(PayloadConformance.violations(wrongType.toString()))
                    .anySatisfy(v -> assertThat(v).startsWith("/data/quantity: string found, number expected"));

            ObjectNode missingColumn = created.deepCopy();
            ((ObjectNode) missingColumn.get("data")).remove("etag");
            assertThat(PayloadConformance.violations(missingColumn.toString())).isNotEmpty();

            ObjectNode previousOnCreate = created.deepCopy();
            previousOnCreate.set("previous_data", created.get("data"));
            assertThat(PayloadConformance.violations(previousOnCreate.toString())).isNotEmpty();

            ObjectNode badInstant = created.deepCopy();
            badInstant.put("occurred_at", "yesterday");
            assertThat(PayloadConformance.violations(badInstant.toString())).isNotEmpty();

            ObjectNode unknownStatus = body(requests, "UPDATE").deepCopy();
            ((ObjectNode) unknownStatus.get("data")).put("location_id", "7");
            assertThat(PayloadConformance.violations(unknownStatus.toString())).isNotEmpty();
        }
    }

    @Test
    void the_documented_example_of_every_resource_and_action_matches_its_schema() {
        for (Resource resource : Resource.values()) {
            for (Resource.Action action : Resource.Action.values()) {
                assertThat(PayloadConformance.violations(PayloadConformance.example(resource, action, Map.of())))
                        .as("%s %s", resource, action).isEmpty();
            }
        }
    }

    @Test
    void a_receiver_getting_a_body_off_its_schema_fails_the_test_that_reads_it() {
        TestReceiver receiver = TestReceiver.http();
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(receiver.url("/hooks")))
                    .header("webhook-id", "evt_1").header("content-type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"event_id\":1,\"resource\":\"RUNS\",\"action\":\"UPDATE\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> receiver.awaitRequests(1, WAIT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("do not match their published schema");
        org.assertj.core.api.Assertions.assertThatThrownBy(receiver::close).isInstanceOf(AssertionError.class);
    }

    private JsonNode schemaOf(String resource) {
        String text = api.execute("query($r: ResourceEnum!) { webhookPayloadSchema(resource: $r) }",
                Map.of("r", resource)).ok().string("$.data.webhookPayloadSchema");
        return JSON.readTree(text);
    }

    private static String rawBody(java.util.List<ReceivedRequest> requests, String action) {
        return requests.stream().map(ReceivedRequest::bodyText)
                .filter(b -> JSON.readTree(b).path("action").asString().equals(action)).findFirst().orElseThrow();
    }

    private static ObjectNode body(java.util.List<ReceivedRequest> requests, String action) {
        return requests.stream().map(r -> (ObjectNode) JSON.readTree(r.bodyText()))
                .filter(b -> b.path("action").asString().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " body"));
    }
}
