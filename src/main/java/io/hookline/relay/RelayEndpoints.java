package io.hookline.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.hookline.delivery.RelayHandoff;
import io.hookline.receiver.WebhookReceiver;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay protocol's two calls (docs/relay.md): a relay client long-polls for its receiver's
 * due events and reports what its local receiver answered to each. Both take the receiver's relay
 * token and nothing else: an API key cannot pull, and a relay token opens no other door.
 */
@RestController
class RelayEndpoints {

    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** The id of a client that gives none: all such clients of a receiver share one share. */
    static final String UNNAMED_CLIENT = "unnamed";
    static final int MAX_CLIENT_ID = 100;
    static final int MAX_OUTCOMES = 200;

    private final RelayTokenAuthentication tokens;
    private final RelayHandoff handoff;
    private final RelayPresenceRepository presence;
    private final NewEventSignal signal;
    private final RelayProperties properties;
    private final Clock clock;

    RelayEndpoints(RelayTokenAuthentication tokens, RelayHandoff handoff, RelayPresenceRepository presence,
                   NewEventSignal signal, RelayProperties properties, Clock clock) {
        this.tokens = tokens;
        this.handoff = handoff;
        this.presence = presence;
        this.signal = signal;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * {@code max} events at most (default and cap: the configured batch), waiting up to {@code waitSeconds};
     * {@code client}: an id the client keeps while it runs, so that its share of forwards is its own.
     */
    record PollRequest(Integer max, Integer waitSeconds, String client) {
    }

    record Header(String name, String value) {
    }

    record RelayedEvent(long id, String claim, List<Header> headers, String body) {
    }

    record PollResponse(List<RelayedEvent> events, long leaseSeconds, int forwardAtOnce) {
    }

    /** A status (with the response's headers and body) or, when no response came, an error and its kind. */
    record Outcome(Long id, String claim, Integer status, Long durationMs, String headers, String body,
                   String retryAfter, String errorKind, String error) {
    }

    @PostMapping("/relay/v1/poll")
    ResponseEntity<?> poll(@RequestHeader(value = "Authorization", required = false) String authorization,
                           @RequestBody(required = false) PollRequest request) throws InterruptedException {
        Optional<WebhookReceiver> receiver = tokens.receiver(authorization);
        if (receiver.isEmpty()) {
            return tokens.unauthorized(authorization);
        }
        long receiverId = receiver.get().id();
        PollRequest given = request == null ? new PollRequest(null, null, null) : request;
        String client = given.client() == null ? UNNAMED_CLIENT : given.client();
        if (client.isBlank() || client.length() > MAX_CLIENT_ID) {
            return error(HttpStatus.BAD_REQUEST, "client must be 1 to " + MAX_CLIENT_ID + " characters");
        }
        int max = Math.clamp(given.max() == null ? properties.maxBatch() : given.max(), 1, properties.maxBatch());
        Duration wait = given.waitSeconds() == null ? properties.maxWait()
                : Duration.ofSeconds(Math.clamp(given.waitSeconds(), 0, properties.maxWait().toSeconds()));
        long deadline = System.nanoTime() + wait.toNanos();
        for (boolean first = true; ; first = false) {
            // Checked again on every look: a token rotated or a receiver deleted mid-wait takes nothing more.
            if (!first && !tokens.receiver(authorization).map(r -> r.id() == receiverId).orElse(false)) {
                return tokens.unauthorized(authorization);
            }
            int forwardAtOnce = presence.seen(receiverId, client, receiver.get().controls().maxConcurrency(),
                    clock.instant());
            long seen = signal.generation();
            List<RelayHandoff.Handed> handed = handoff.claim(receiverId, max, properties.lease());
            long left = deadline - System.nanoTime();
            // A stopping server answers at once rather than hold its shutdown for a whole wait.
            if (!handed.isEmpty() || left <= 0 || !signal.isRunning()) {
                return ResponseEntity.ok(new PollResponse(handed.stream().map(RelayEndpoints::wire).toList(),
                        properties.lease().toSeconds(), forwardAtOnce));
            }
            signal.awaitAfter(seen, Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
        }
    }

    /** Up to {@value #MAX_OUTCOMES} answers, recorded in one transaction. */
    record Outcomes(List<Outcome> outcomes) {
    }

    record Refusal(long id, String error) {
    }

    @PostMapping("/relay/v1/outcomes")
    ResponseEntity<?> outcomes(@RequestHeader(value = "Authorization", required = false) String authorization,
                               @RequestBody Outcomes request) {
        Optional<WebhookReceiver> receiver = tokens.receiver(authorization);
        if (receiver.isEmpty()) {
            return tokens.unauthorized(authorization);
        }
        List<Outcome> outcomes = request == null || request.outcomes() == null ? List.of() : request.outcomes();
        if (outcomes.isEmpty() || outcomes.size() > MAX_OUTCOMES) {
            return error(HttpStatus.BAD_REQUEST, "outcomes must list 1 to " + MAX_OUTCOMES + " answers");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<String> invalid = RelayAnswers.invalid(outcomes.get(i));
            if (invalid.isPresent()) {
                return error(HttpStatus.BAD_REQUEST, "outcomes[" + i + "]: " + invalid.get() + "; nothing was recorded");
            }
        }
        Set<Long> recorded = handoff.record(receiver.get().id(), outcomes.stream().map(RelayAnswers::answer).toList());
        if (!recorded.isEmpty()) {
            // Answered events free their places under the receiver's maxConcurrency, and an ordered
            // row's next event is due: waiting polls look again now instead of at their next recheck.
            signal.ring();
        }
        List<Refusal> refused = outcomes.stream().filter(o -> !recorded.contains(o.id()))
                .map(o -> new Refusal(o.id(), "This relay does not hold event " + o.id() + " under that claim: its "
                        + "lease ran out (it is due again, or another relay client has it), it was already answered, "
                        + "or it is not this receiver's. Nothing was recorded for it."))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorded", recorded.stream().sorted().toList());
        body.put("refused", refused);
        if (refused.isEmpty()) {
            return ResponseEntity.ok(body);
        }
        body.put("error", refused.getFirst().error());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    private static RelayedEvent wire(RelayHandoff.Handed handed) {
        return new RelayedEvent(handed.eventId(), handed.claim().toString(),
                handed.headers().stream().map(h -> new Header(h.key(), h.value())).toList(), handed.body());
    }

    static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
