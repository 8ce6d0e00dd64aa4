package io.hookline.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends GraphQL documents to the running server over real HTTP, as a client would. */
public final class GraphQl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final String token;

    public GraphQl(int port, String token) {
        this.endpoint = URI.create("http://localhost:" + port + "/graphql");
        this.token = token;
    }

    public GraphQl as(String otherToken) {
        return new GraphQl(endpoint.getPort(), otherToken);
    }

    public Response execute(String document) {
        return execute(document, Map.of());
    }

    public Response execute(String document, Map<String, ?> variables) {
        return post(JSON.writeValueAsString(Map.of("query", document, "variables", variables)));
    }

    /** Sends a raw body, for tests of what the server does with malformed or oversized requests. */
    public Response post(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("GraphQL request failed", e);
        }
    }

    /** A response with JsonPath access, e.g. {@code path("$.data.webhookReceiver.id")}. */
    public record Response(int status, String body) {

        public <T> T path(String jsonPath) {
            try {
                return JsonPath.read(body, jsonPath);
            } catch (PathNotFoundException e) {
                throw new AssertionError("No " + jsonPath + " in " + body, e);
            }
        }

        public String string(String jsonPath) {
            Object value = path(jsonPath);
            return value == null ? null : value.toString();
        }

        public long id(String jsonPath) {
            return Long.parseLong(string(jsonPath));
        }

        /** Asserts the request ran without errors and returns itself. */
        public Response ok() {
            assertThat(errors()).as("errors of %s", body).isEmpty();
            return this;
        }

        public List<Map<String, Object>> errors() {
            try {
                List<Map<String, Object>> errors = JsonPath.read(body, "$.errors");
                return errors == null ? List.of() : errors;
            } catch (PathNotFoundException e) {
                return List.of();
            }
        }

        /** The {@code extensions.code} of the first error. */
        public String errorCode() {
            assertThat(errors()).as("errors of %s", body).isNotEmpty();
            return string("$.errors[0].extensions.code");
        }

        public String errorMessage() {
            assertThat(errors()).as("errors of %s", body).isNotEmpty();
            return string("$.errors[0].message");
        }
    }
}
