package io.hookline.relay.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits after failures: 1 s, doubling to 30 s, each ±20 %; a success starts it over. */
final class Backoff {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next try, and the one after grows. */
    Duration nextDelay() {
        Duration current = next;
        next = current.multipliedBy(2).compareTo(MAX) > 0 ? MAX : current.multipliedBy(2);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (current.toMillis() * jitter));
    }

    void reset() {
        next = FIRST;
    }
}
