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
        JsonNode receiver = call("""
                mutation ($input: CreateWebhookReceiverInput!) {
                  createWebhookReceiver(input: $input) { webhookReceiver { id } }
                }""", Map.of("input", Map.of("name", name, "webhookUri", url)));
        long id = receiver.at("/createWebhookReceiver/webhookReceiver/id").asLong();
        call("""
                mutation ($input: CreateWebhookSubscriptionInput!) {
                  createWebhookSubscription(input: $input) { webhookSubscription { id } }
                }""", Map.of("input", Map.of("receiverId", id, "resource", "RUNS", "action", "CREATE")));
        return id;
    }

    /** Sends a test event to a receiver; returns the event id. */
    long sendTestEvent(long receiverId) throws Exception {
        return call("""
                mutation ($id: ID!) { sendTestWebhookEvent(receiverId: $id) { webhookEvent { id } } }""",
                Map.of("id", receiverId)).at("/sendTestWebhookEvent/webhookEvent/id").asLong();
    }
}
