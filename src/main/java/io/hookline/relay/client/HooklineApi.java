package io.hookline.relay.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few GraphQL calls {@code listen} makes with an API key: create and delete its relay receiver. */
final class HooklineApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiKey;

    HooklineApi(URI server, String apiKey) {
        this.endpoint = URI.create(server.toString().replaceAll("/+$", "") + "/graphql");
        this.apiKey = apiKey;
    }

    record RelayReceiver(long id, String sharedSecret, String relayToken) {
    }

    RelayReceiver createRelayReceiver(String name) throws IOException, InterruptedException {
        JsonNode created = execute("""
                mutation($name: String!) { createWebhookReceiver(input: {name: $name, relay: true}) {
                  webhookReceiver { id sharedSecret } relayToken } }
                """, Map.of("name", name)).path("createWebhookReceiver");
        return new RelayReceiver(created.path("webhookReceiver").path("id").asLong(),
                created.path("webhookReceiver").path("sharedSecret").asString(), created.path("relayToken").asString());
    }

    void subscribe(long receiverId, String resource, String action) throws IOException, InterruptedException {
        execute("""
                mutation($r: ID!, $res: ResourceEnum!, $a: ActionEnum!) {
                  createWebhookSubscription(input: {receiverId: $r, resource: $res, action: $a}) { webhookSubscription { id } } }
                """, Map.of("r", receiverId, "res", resource, "a", action));
    }

    void deleteReceiver(long id) throws IOException, InterruptedException {
        String etag = execute("query($id: ID!) { webhookReceiver(id: $id) { _etag } }", Map.of("id", id))
                .path("webhookReceiver").path("_etag").asString();
        execute("mutation($id: ID!, $e: String!) { deleteWebhookReceiver(id: $id, etag: $e) { id } }",
                Map.of("id", id, "e", etag));
    }

    private JsonNode execute(String document, Map<String, Object> variables) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", document, "variables", variables)))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            throw new IOException("Hookline answered " + response.statusCode() + " without a GraphQL response");
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new IOException(errors.get(0).path("message").asString() + " ("
                    + errors.get(0).path("extensions").path("code").asString("error") + ")");
        }
        return answer.path("data");
    }
}
