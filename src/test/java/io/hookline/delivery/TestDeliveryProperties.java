package io.hookline.delivery;

import java.time.Duration;
import java.util.List;

/** {@link DeliveryProperties} with the documented defaults, changed only where a test needs it. */
final class TestDeliveryProperties {

    static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(24));

    private TestDeliveryProperties() {
    }

    static DeliveryProperties defaults() {
        return sending(Duration.ofSeconds(15), 16384);
    }

    static DeliveryProperties sending(Duration requestTimeout, int responseBodyLimit) {
        return new DeliveryProperties(Duration.ofSeconds(5), requestTimeout, DEFAULT_SCHEDULE, Duration.ofHours(1),
                responseBodyLimit, 256, 200, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(72),
                Duration.ofHours(24));
    }

    static DeliveryProperties retrying(List<Duration> schedule, Duration maxRetryAfter) {
        return new DeliveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(15), schedule, maxRetryAfter,
                16384, 256, 200, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(72),
                Duration.ofHours(24));
    }
}
