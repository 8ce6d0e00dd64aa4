package io.hookline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try an event again after a failed try (docs/receiving.md, "Answers and retries"): the configured schedule with ±20 %
 * jitter, or the receiver's own {@code Retry-After} on 429/503, bounded. A pure function of the attempt
 * number and the failure; the only outside input is the injected random source of the jitter.
 */
public final class RetryPolicy {

    /** Spread of the jitter either side of a scheduled delay, so retries of a burst don't all land at once. */
    static final double JITTER = 0.20;

    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    private final List<Duration> schedule;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    public RetryPolicy(DeliveryProperties properties, RandomGenerator random) {
        this.schedule = properties.retrySchedule();
        this.maxRetryAfter = properties.maxRetryAfter();
        this.random = random;
    }

    /**
     * The delay before the next try, or empty when the schedule is used up and the event is FAILED.
     *
     * @param attemptNumber 1-based number of the try that just failed
     * @param failure       how it failed
     */
    public Optional<Duration> delayAfter(int attemptNumber, DeliveryOutcome.Failed failure) {
        if (attemptNumber < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, got " + attemptNumber);
        }
        if (attemptNumber > schedule.size()) {
            return Optional.empty();
        }
        if (asksToWait(failure)) {
            // The receiver said when it can take more; its delay replaces the schedule's, without jitter,
            // but still uses up a slot so a receiver can't keep an event retrying forever.
            return Optional.of(bounded(failure.retryAfter()));
        }
        return Optional.of(jittered(schedule.get(attemptNumber - 1)));
    }

    private static boolean asksToWait(DeliveryOutcome.Failed failure) {
        Integer status = failure.status();
        return failure.retryAfter() != null && status != null && (status == 429 || status == 503);
    }

    private Duration bounded(Duration retryAfter) {
        if (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }

    private Duration jittered(Duration delay) {
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }
}
