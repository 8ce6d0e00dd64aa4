package io.hookline.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What reached the bench receivers: one {@link Arrival} per request, kept until drained, and their count. */
final class Arrivals {

    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    /** Records a request to {@code receiver} whose body was just read. */
    void record(int receiver, String webhookId, byte[] body) {
        arrivals.add(new Arrival(receiver, titleOf(body), webhookId, System.nanoTime()));
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    /** Everything that arrived since the last call, and forgets it. */
    List<Arrival> drain() {
        List<Arrival> out = new ArrayList<>();
        Arrival a;
        while ((a = arrivals.poll()) != null) {
            out.add(a);
        }
        return out;
    }

    /** The {@code title} of the changed row in the body's {@code data}, without a JSON parser (it is on the hot path). */
    static String titleOf(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        int key = s.indexOf("\"title\"");
        if (key < 0) {
            return null;
        }
        int open = s.indexOf('"', s.indexOf(':', key) + 1);
        int close = s.indexOf('"', open + 1);
        return open < 0 || close < 0 ? null : s.substring(open + 1, close);
    }
}
