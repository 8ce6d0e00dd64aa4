package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One try to deliver an event, as the audit trail records it.
 *
 * @param startedAt when the try began, from the sender's clock; its epoch second is the {@code webhook-timestamp}
 * @param duration  how long the try took, measured on a monotonic clock
 * @param outcome   what came of it
 * @param request   the request as sent, custom header values masked; null when none was built
 */
public record Attempt(Instant startedAt, Duration duration, DeliveryOutcome outcome, SentRequest request) {

    /** A try that never got as far as building a request. */
    public Attempt(Instant startedAt, Duration duration, DeliveryOutcome outcome) {
        this(startedAt, duration, outcome, null);
    }
}
