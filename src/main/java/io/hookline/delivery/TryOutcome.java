package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a finished try makes of its event: succeeded, due again after the retry policy's delay, or
 * failed for good. Pure; {@link AttemptWriter} writes it.
 */
record TryOutcome(FinishedTry finished, DeliveryStatus status, OffsetDateTime nextAttemptAt,
                  OffsetDateTime completedAt) {

    static TryOutcome of(FinishedTry finished, RetryPolicy retryPolicy, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (finished.attempt().outcome() instanceof DeliveryOutcome.Failed failed) {
            Optional<Duration> delay = retryPolicy.delayAfter(finished.event().nextAttemptNumber(), failed);
            return delay.map(d -> new TryOutcome(finished, DeliveryStatus.RETRYING, now.plus(d).atOffset(ZoneOffset.UTC), null))
                    .orElseGet(() -> new TryOutcome(finished, DeliveryStatus.FAILED, null, at));
        }
        return new TryOutcome(finished, DeliveryStatus.SUCCEEDED, null, at);
    }
}
