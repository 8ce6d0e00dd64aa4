package io.hookline.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How events are sent and retried.
 *
 * @param connectTimeout         time to open a connection; default 5 s
 * @param requestTimeout         time for a whole try, from connect to the last response byte; default 15 s
 * @param retrySchedule          delays after the 1st, 2nd, … failed try, each with ±20 % jitter; after the
 *                               last one the event is FAILED. Default 5s, 30s, 2m, 10m, 30m, 1h, 3h, 6h, 12h, 24h
 * @param maxRetryAfter          the longest {@code Retry-After} (429/503) that is honoured; longer ones are cut
 *                               to it; default 1 h
 * @param responseBodyLimit      bytes of a response body kept in the audit trail; default 16384
 * @param maxInFlight            sends in flight at once in this process, all receivers together; default 256
 * @param batchSize              events claimed per query; default 200
 * @param lease                  how long a claimed event is reserved for the claiming worker before another
 *                               may take it; the holder renews it every third of it while it still works on
 *                               the event, so a crashed worker's events come back after this; default 30 s
 * @param pollInterval           how often workers look for due work without a notification; default 1 s
 * @param autoDisableAfter       a receiver failing every try for this long is deactivated; default 72 h
 * @param secretOverlap          how long a rotated-out secret keeps signing beside the new one; default 24 h
 */
@Validated
@ConfigurationProperties("hookline.delivery")
public record DeliveryProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue({"5s", "30s", "2m", "10m", "30m", "1h", "3h", "6h", "12h", "24h"}) List<Duration> retrySchedule,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("16384") int responseBodyLimit,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("200") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("72h") Duration autoDisableAfter,
        @DefaultValue("24h") Duration secretOverlap) {

    public DeliveryProperties {
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(requestTimeout, "request-timeout");
        requirePositive(maxRetryAfter, "max-retry-after");
        requirePositive(lease, "lease");
        requirePositive(pollInterval, "poll-interval");
        requirePositive(autoDisableAfter, "auto-disable-after");
        if (retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("hookline.delivery.retry-schedule must list positive durations");
        }
        if (maxInFlight < 1 || batchSize < 1 || responseBodyLimit < 0) {
            throw new IllegalArgumentException(
                    "hookline.delivery concurrency, batch size and response body limit must be positive");
        }
        retrySchedule = List.copyOf(retrySchedule);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("hookline.delivery." + name + " must be a positive duration");
        }
    }
}
