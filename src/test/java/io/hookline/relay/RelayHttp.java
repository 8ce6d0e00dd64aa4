package io.hookline.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

/** The relay protocol spoken by hand, for tests of what the server accepts and refuses. */
final class RelayHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    RelayHttp(int port) {
        this.port = port;
    }

    record Answer(int status, String body) {

        <T> T path(String jsonPath) {
            return JsonPath.read(body, jsonPath);
        }
    }

    Answer poll(String token, int max, int waitSeconds) {
        return post("/relay/v1/poll", token, Map.of("max", max, "waitSeconds", waitSeconds));
    }

    Answer report(String token, Map<String, ?> outcome) {
        return post("/relay/v1/outcomes", token, Map.of("outcomes", List.of(outcome)));
    }

    Answer post(String path, String token, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("relay request failed", e);
        }
    }
}
