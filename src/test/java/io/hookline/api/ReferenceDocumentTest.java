package io.hookline.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GraphQL document of the public reference, cut verbatim out of its text, runs unchanged
 * against Hookline over HTTP and returns every field it selects.
 */
class ReferenceDocumentTest extends IntegrationTest {

    private static final String REFERENCE = "/reference/ion-webhooks.txt";

    private String reference;

    @BeforeEach
    void readReference() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(REFERENCE)) {
            reference = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_reference_copy_is_the_published_document_when_it_is_at_hand() throws IOException {
        Path published = Path.of("../shared/spec/ion-webhooks.txt");
        if (Files.exists(published)) {
            assertThat(reference).isEqualTo(Files.readString(published));
        }
    }

    @Test
    void create_receiver_document_returns_every_selected_field() {
        GraphQl.Response response = api.execute(between("# Create a receiver\n", "# Input\n"),
                variables(between("# Input\n", "# Subscribe to new runs")));

        response.ok();
        Map<String, Object> receiver = response.path("$.data.createWebhookReceiver.webhookReceiver");
        assertThat(receiver).containsOnlyKeys("id", "name", "description", "webhookUri", "sharedSecret",
                "contentType", "expectedResponseCode", "active", "subscriptions", "headers");
        assertThat(receiver).containsEntry("id", "1")
                .containsEntry("name", "Our example server")
                .containsEntry("webhookUri", "https://whoknows.where.this.leads")
                .containsEntry("contentType", "JSON")
                .containsEntry("expectedResponseCode", 200)
                .containsEntry("active", true);
        assertThat((String) receiver.get("sharedSecret")).startsWith("whsec_");
    }

    @Test
    void subscribe_document_subscribes_receiver_1_to_new_runs() {
        createReceiverFromReference();

        GraphQl.Response response = api.execute(
                between("# Subscribe to new runs that are created\n", "# Input\n", reference.indexOf("# Subscribe")),
                variables(between("# Input\n", "Webhook examples", reference.indexOf("# Subscribe"))));

        response.ok();
        Map<String, Object> subscription = response.path("$.data.createWebhookSubscription.webhookSubscription");
        assertThat(subscription).containsOnlyKeys("resource", "action", "id", "active", "receiverId", "events");
        assertThat(subscription).containsEntry("resource", "RUNS").containsEntry("action", "CREATE")
                .containsEntry("active", true).containsEntry("receiverId", "1");
        assertThat(response.<Object>path("$.data.createWebhookSubscription.webhookSubscription.events")).isNotNull();
    }

    @Test
    void query_documents_list_receivers_and_subscriptions_with_every_selected_field() {
        createReceiverFromReference();
        api.execute(between("# Subscribe to new runs that are created\n", "# Input\n", reference.indexOf("# Subscribe")),
                variables(between("# Input\n", "Webhook examples", reference.indexOf("# Subscribe")))).ok();

        GraphQl.Response receivers = api.execute(
                between("// See current webhook receivers\n", "// See current webhook subscribers")).ok();
        Map<String, Object> receiver = receivers.path("$.data.webhookReceivers.edges[0].node");
        assertThat(receiver).containsOnlyKeys("sharedSecret", "id", "webhookUri", "_etag", "name");
        assertThat(receiver.values()).doesNotContainNull();

        GraphQl.Response subscriptions = api.execute(
                between("// See current webhook subscribers\n", "Copy link")).ok();
        Map<String, Object> subscription = subscriptions.path("$.data.webhookSubscriptions.edges[0].node");
        assertThat(subscription).containsOnlyKeys("id", "action", "resource", "createdBy", "receiver");
        assertThat(subscriptions.string("$.data.webhookSubscriptions.edges[0].node.createdBy.id"))
                .isEqualTo(String.valueOf(tenant.userId()));
        assertThat(subscriptions.string("$.data.webhookSubscriptions.edges[0].node.createdBy.name")).isNotBlank();
        Map<String, Object> nested = subscriptions.path("$.data.webhookSubscriptions.edges[0].node.receiver");
        assertThat(nested).containsOnlyKeys("id", "description", "name", "webhookUri")
                .containsEntry("id", "1").containsEntry("name", "Our example server");
    }

    private void createReceiverFromReference() {
        api.execute(between("# Create a receiver\n", "# Input\n"),
                variables(between("# Input\n", "# Subscribe to new runs"))).ok();
    }

    private String between(String start, String end) {
        return between(start, end, 0);
    }

    private String between(String start, String end, int from) {
        int begin = reference.indexOf(start, from);
        assertThat(begin).as("'%s' in the reference", start.trim()).isNotNegative();
        begin += start.length();
        int finish = reference.indexOf(end, begin);
        assertThat(finish).as("'%s' in the reference", end.trim()).isPositive();
        return reference.substring(begin, finish);
    }

    private static Map<String, Object> variables(String json) {
        return JsonMapper.builder().build().readValue(json, new TypeReference<Map<String, Object>>() { });
    }
}
