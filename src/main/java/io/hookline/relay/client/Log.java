package io.hookline.relay.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per thing that happened, with the time, on standard output. */
final class Log {

    private Log() {
    }

    static void line(String message) {
        String text = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message;
        synchronized (System.out) {
            System.out.println(text);
            System.out.flush();
        }
    }
}
