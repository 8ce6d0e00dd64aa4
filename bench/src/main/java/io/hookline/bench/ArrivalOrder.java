package io.hookline.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether events reached a receiver in change order, read from the titles the changes wrote:
 * {@code prefix-key-seq}, where {@code key} names the ordered group (a row) and {@code seq} grows
 * with each change of it, or {@code prefix-seq} for one group over the whole receiver.
 */
final class ArrivalOrder {

    private ArrivalOrder() {
    }

    /**
     * Arrivals of {@code prefix}'s events whose {@code seq} is below one of their group that arrived
     * before them. A retried event (the same {@code webhook-id} again) counts at its first arrival only.
     */
    static long outOfOrder(List<Arrival> arrivals, String prefix) {
        Set<String> seen = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        long late = 0;
        for (Arrival a : arrivals.stream().sorted(Comparator.comparingLong(Arrival::nanos))
                .toList()) {
            if (a.title() == null || !a.title().startsWith(prefix + "-")
                    || (a.webhookId() != null && !seen.add(a.webhookId()))) {
                continue;
            }
            String rest = a.title().substring(prefix.length() + 1);
            int dash = rest.lastIndexOf('-');
            String group = dash < 0 ? "" : rest.substring(0, dash);
            long seq = Long.parseLong(rest.substring(dash + 1));
            Long before = highest.get(group);
            if (before != null && seq < before) {
                late++;
            } else {
                highest.put(group, seq);
            }
        }
        return late;
    }

    /** How many of {@code arrivals} came in each second of [{@code from}, {@code from} + {@code seconds} s). */
    static long[] perSecond(List<Arrival> arrivals, long from, int seconds) {
        long[] counts = new long[seconds];
        for (Arrival a : arrivals) {
            long slot = Math.floorDiv(a.nanos() - from, 1_000_000_000L);
            if (slot >= 0 && slot < seconds) {
                counts[(int) slot]++;
            }
        }
        return counts;
    }
}
