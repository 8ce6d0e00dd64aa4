package io.hookline.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.hookline.delivery.DeliveryOutcome;
import io.hookline.delivery.RelayHandoff;
import io.hookline.receiver.ReceiverLookup;
import io.hookline.receiver.RelayTokens;
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
    static final int MAX_OUTCOMES = 200;

    private final ReceiverLookup receivers;
    private final RelayHandoff handoff;
    private final RelayPresenceRepository presence;
    private final NewEventSignal signal;
    private final RelayProperties properties;
    private final Clock clock;

    RelayEndpoints(ReceiverLookup receivers, RelayHandoff handoff, RelayPresenceRepository presence,
                   NewEventSignal signal, RelayProperties properties, Clock clock) {
        this.receivers = receivers;
        this.handoff = handoff;
        this.presence = presence;
        this.signal = signal;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code max} events at most (default and cap: the configured batch), waiting up to {@code waitSeconds}. */
    record PollRequest(Integer max, Integer waitSeconds) {
    }

    record Header(String name, String value) {
    }

    record RelayedEvent(long id, String claim, List<Header> headers, String body) {
    }

    record PollResponse(List<RelayedEvent> events, long leaseSeconds) {
    }

    /** A status (with the response's headers and body) or, when no response came, an error and its kind. */
    record Outcome(Long id, String claim, Integer status, Long durationMs, String headers, String body,
                   String retryAfter, String errorKind, String error) {
    }

    @PostMapping("/relay/v1/poll")
    ResponseEntity<?> poll(@RequestHeader(value = "Authorization", required = false) String authorization,
                           @RequestBody(required = false) PollRequest request) throws InterruptedException {
        Optional<WebhookReceiver> receiver = authenticate(authorization);
        if (receiver.isEmpty()) {
            return unauthorized(authorization);
        }
        long receiverId = receiver.get().id();
        PollRequest given = request == null ? new PollRequest(null, null) : request;
        int max = Math.clamp(given.max() == null ? properties.maxBatch() : given.max(), 1, properties.maxBatch());
        Duration wait = given.waitSeconds() == null ? properties.maxWait()
                : Duration.ofSeconds(Math.clamp(given.waitSeconds(), 0, properties.maxWait().toSeconds()));
        long deadline = System.nanoTime() + wait.toNanos();
        for (boolean first = true; ; first = false) {
            // Checked again on every look: a token rotated or a receiver deleted mid-wait takes nothing more.
            if (!first && !authenticate(authorization).map(r -> r.id() == receiverId).orElse(false)) {
                return unauthorized(authorization);
            }
            presence.seen(receiverId, clock.instant());
            long seen = signal.generation();
            List<RelayHandoff.Handed> handed = handoff.claim(receiverId, max, properties.lease());
            long left = deadline - System.nanoTime();
            // A stopping server answers at once rather than hold its shutdown for a whole wait.
            if (!handed.isEmpty() || left <= 0 || !signal.isRunning()) {
                return ResponseEntity.ok(new PollResponse(handed.stream().map(RelayEndpoints::wire).toList(),
                        properties.lease().toSeconds()));
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
        Optional<WebhookReceiver> receiver = authenticate(authorization);
        if (receiver.isEmpty()) {
            return unauthorized(authorization);
        }
        List<Outcome> outcomes = request == null || request.outcomes() == null ? List.of() : request.outcomes();
        if (outcomes.isEmpty() || outcomes.size() > MAX_OUTCOMES) {
            return error(HttpStatus.BAD_REQUEST, "outcomes must list 1 to " + MAX_OUTCOMES + " answers");
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Optional<String> invalid = invalid(outcomes.get(i));
            if (invalid.isPresent()) {
                return error(HttpStatus.BAD_REQUEST, "outcomes[" + i + "]: " + invalid.get() + "; nothing was recorded");
            }
        }
        Set<Long> recorded = handoff.record(receiver.get().id(), outcomes.stream().map(RelayEndpoints::answer).toList());
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

    private static RelayHandoff.LocalAnswer answer(Outcome outcome) {
        return new RelayHandoff.LocalAnswer(outcome.id(), UUID.fromString(outcome.claim()), outcome.status(),
                outcome.headers(), outcome.body(), outcome.retryAfter(),
                outcome.status() == null ? errorKind(outcome.errorKind()) : null, outcome.error(),
                Duration.ofMillis(outcome.durationMs() == null ? 0 : outcome.durationMs()));
    }

    private Optional<WebhookReceiver> authenticate(String authorization) {
        String token = bearer(authorization);
        return token == null ? Optional.empty() : receivers.byRelayToken(token);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static ResponseEntity<?> unauthorized(String authorization) {
        String token = bearer(authorization);
        String message;
        if (token == null) {
            message = "Missing relay token: send the header 'Authorization: Bearer rly_…'";
        } else if (!RelayTokens.looksValid(token)) {
            message = "This endpoint takes a receiver's relay token (rly_…); an API key or any other token cannot "
                    + "pull or answer events";
        } else {
            message = "Invalid relay token: it is wrong, was rotated (rotateWebhookReceiverRelayToken) or its "
                    + "receiver was deleted";
        }
        return error(HttpStatus.UNAUTHORIZED, message);
    }

    private static Optional<String> invalid(Outcome outcome) {
        if (outcome.id() == null) {
            return Optional.of("id is required: the event's id as handed out");
        }
        if (outcome.claim() == null) {
            return Optional.of("claim is required: the claim handed out with the event");
        }
        try {
            UUID.fromString(outcome.claim());
        } catch (IllegalArgumentException e) {
            return Optional.of("claim must be the claim handed out with the event");
        }
        if ((outcome.status() == null) == (outcome.error() == null)) {
            return Optional.of("give either status (the local receiver answered) or error (it did not), not both");
        }
        if (outcome.status() != null && (outcome.status() < 100 || outcome.status() > 599)) {
            return Optional.of("status must be an HTTP status, 100 to 599");
        }
        if (outcome.durationMs() != null && outcome.durationMs() < 0) {
            return Optional.of("durationMs must not be negative");
        }
        return Optional.empty();
    }

    private static DeliveryOutcome.ErrorKind errorKind(String kind) {
        try {
            return kind == null ? DeliveryOutcome.ErrorKind.OTHER : DeliveryOutcome.ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return DeliveryOutcome.ErrorKind.OTHER;
        }
    }

    private static RelayedEvent wire(RelayHandoff.Handed handed) {
        return new RelayedEvent(handed.eventId(), handed.claim().toString(),
                handed.headers().stream().map(h -> new Header(h.key(), h.value())).toList(), handed.body());
    }

    private static ResponseEntity<?> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
