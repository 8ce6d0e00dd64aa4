package io.hookline.relay.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The relay protocol's two calls, as a client makes them (docs/relay.md). */
final class RelayConnection {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int WAIT_SECONDS = 25;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI poll;
    private final URI outcomes;
    private final String authorization;
    /** Who this client is to Hookline while it runs: its share of the receiver's forwards is its own. */
    private final String client = UUID.randomUUID().toString();

    RelayConnection(URI server, String token) {
        String base = server.toString().replaceAll("/+$", "");
        this.poll = URI.create(base + "/relay/v1/poll");
        this.outcomes = URI.create(base + "/relay/v1/outcomes");
        this.authorization = "Bearer " + token;
    }

    /** An event to forward and the claim to answer it with. */
    record Event(long id, String claim, List<Map.Entry<String, String>> headers, String body) {
    }

    /** Hookline answered something other than success; {@code message} is its own explanation. */
    static final class Refused extends IOException {
        final int status;
        final transient JsonNode body;

        Refused(int status, String message, JsonNode body) {
            super(message);
            this.status = status;
            this.body = body;
        }
    }

    /**
     * Due events, and how many events this client may forward at once: its share of the receiver's
     * {@code maxConcurrency} (0 from a server that does not say: no limit but the client's own).
     */
    record Pulled(List<Event> events, int forwardAtOnce, Duration lease) {
    }

    /** The lease of a server that does not say (docs/relay.md, {@code hookline.relay.lease}). */
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

    /** Waits up to {@code waitSeconds} for at most {@code max} due events; interruptible. */
    Pulled poll(int max, int waitSeconds) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("max", max, "waitSeconds", waitSeconds, "client", client));
        JsonNode answer = send(poll, body, Duration.ofSeconds(waitSeconds + 30));
        List<Event> events = new ArrayList<>();
        for (JsonNode event : answer.path("events")) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (JsonNode header : event.path("headers")) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(header.path("name").asString(),
                        header.path("value").asString()));
            }
            events.add(new Event(event.path("id").asLong(), event.path("claim").asString(), headers,
                    event.path("body").asString()));
        }
        long leaseSeconds = answer.path("leaseSeconds").asLong(0);
        return new Pulled(events, answer.path("forwardAtOnce").asInt(0),
                leaseSeconds > 0 ? Duration.ofSeconds(leaseSeconds) : DEFAULT_LEASE);
    }

    /** What the local receiver did with one event. */
    record Answered(Event event, Forwarder.Result result) {
    }

    /**
     * Reports a batch of answers; returns the ids Hookline refused (it no longer leased them to this
     * client), each with its reason. Any other refusal of the whole batch is thrown.
     */
    Map<Long, String> report(List<Answered> answers) throws IOException, InterruptedException {
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (Answered answered : answers) {
            Forwarder.Result result = answered.result();
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("id", answered.event().id());
            outcome.put("claim", answered.event().claim());
            outcome.put("durationMs", result.duration().toMillis());
            if (result.status() != null) {
                outcome.put("status", result.status());
                outcome.put("headers", result.headers());
                outcome.put("body", result.body());
                outcome.put("retryAfter", result.retryAfter());
            } else {
                outcome.put("errorKind", result.errorKind());
                outcome.put("error", result.error());
            }
            outcomes.add(outcome);
        }
        String body = JSON.writeValueAsString(Map.of("outcomes", outcomes));
        Map<Long, String> refused = new LinkedHashMap<>();
        JsonNode answer;
        try {
            answer = send(this.outcomes, body, Duration.ofSeconds(30));
        } catch (Refused conflict) {
            if (conflict.status != 409 || conflict.body == null) {
                throw conflict;
            }
            answer = conflict.body;
        }
        for (JsonNode refusal : answer.path("refused")) {
            refused.put(refusal.path("id").asLong(), refusal.path("error").asString());
        }
        return refused;
    }

    private JsonNode send(URI uri, String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // Asynchronous, so that stopping the client (an interrupt) abandons a waiting poll at once.
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new Refused(response.statusCode(), errorOf(response), jsonOrNull(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode jsonOrNull(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String errorOf(HttpResponse<String> response) {
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (error.isString()) {
                return error.asString();
            }
        } catch (RuntimeException notJson) {
            // fall through
        }
        return "HTTP " + response.statusCode();
    }
}
