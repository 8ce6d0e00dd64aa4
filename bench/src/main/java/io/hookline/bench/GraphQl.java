package io.hookline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Hookline's management API, as a user calls it. */
final class GraphQl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String apiKey;

    GraphQl(int port, String apiKey) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/graphql");
        this.apiKey = apiKey;
    }

    JsonNode call(String document, Map<String, Object> variables) throws Exception {
        String request = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("authorization", "Bearer " + apiKey)
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || body.hasNonNull("errors")) {
            throw new IllegalStateException("GraphQL call failed: " + response.statusCode() + " " + response.body());
        }
        return body.get("data");
    }

    /** A receiver subscribed to RUNS / CREATE; returns its id. */
    long createSubscribedReceiver(String name, String url) throws Exception {
        return createSubscribedReceiver(Map.of("name", name, "webhookUri", url), "CREATE");
    }

    /** A receiver made from {@code input} (CreateWebhookReceiverInput), subscribed to RUNS / {@code action}; returns its id. */
    long createSubscribedReceiver(Map<String, Object> input, String action) throws Exception {
        JsonNode receiver = call("""
                mutation ($input: CreateWebhookReceiverInput!) {
                  createWebhookReceiver(input: $input) { webhookReceiver { id } }
                }""", Map.of("input", input));
        long id = receiver.at("/createWebhookReceiver/webhookReceiver/id").asLong();
        call("""
                mutation ($input: CreateWebhookSubscriptionInput!) {
                  createWebhookSubscription(input: $input) { webhookSubscription { id } }
                }""", Map.of("input", Map.of("receiverId", id, "resource", "RUNS", "action", action)));
        return id;
    }

    /** Changes a receiver's fields (UpdateWebhookReceiverInput) at its current etag; returns the receiver as it is then. */
    JsonNode updateReceiver(long id, Map<String, Object> changes) throws Exception {
        String etag = call("""
                query ($id: ID!) { webhookReceiver(id: $id) { _etag } }""", Map.of("id", id))
                .at("/webhookReceiver/_etag").asText();
        Map<String, Object> input = new java.util.LinkedHashMap<>(changes);
        input.put("id", id);
        input.put("etag", etag);
        return call("""
                mutation ($input: UpdateWebhookReceiverInput!) {
                  updateWebhookReceiver(input: $input) {
                    webhookReceiver { id ordering maxConcurrency maxRequestsPerSecond } } }""", Map.of("input", input))
                .at("/updateWebhookReceiver/webhookReceiver");
    }

    /** Sends a test event to a receiver; returns the event id. */
    long sendTestEvent(long receiverId) throws Exception {
        return call("""
                mutation ($id: ID!) { sendTestWebhookEvent(receiverId: $id) { webhookEvent { id } } }""",
                Map.of("id", receiverId)).at("/sendTestWebhookEvent/webhookEvent/id").asLong();
    }
}
