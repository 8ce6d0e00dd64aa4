package io.hookline.relay;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.hookline.delivery.DeliveryOutcome;
import io.hookline.delivery.RelayHandoff;

/** A relay client's report of what its local receiver answered (docs/relay.md): checked, then handed over. */
final class RelayAnswers {

    private RelayAnswers() {
    }

    /** What is wrong with the outcome, or empty: one wrong outcome and the whole report records nothing. */
    static Optional<String> invalid(RelayEndpoints.Outcome outcome) {
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

    static RelayHandoff.LocalAnswer answer(RelayEndpoints.Outcome outcome) {
        return new RelayHandoff.LocalAnswer(outcome.id(), UUID.fromString(outcome.claim()), outcome.status(),
                outcome.headers(), outcome.body(), outcome.retryAfter(),
                outcome.status() == null ? errorKind(outcome.errorKind()) : null, outcome.error(),
                Duration.ofMillis(outcome.durationMs() == null ? 0 : outcome.durationMs()));
    }

    private static DeliveryOutcome.ErrorKind errorKind(String kind) {
        try {
            return kind == null ? DeliveryOutcome.ErrorKind.OTHER : DeliveryOutcome.ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return DeliveryOutcome.ErrorKind.OTHER;
        }
    }
}
