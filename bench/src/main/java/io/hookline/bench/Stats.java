package io.hookline.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Percentiles and rates over recorded arrivals. */
final class Stats {

    private Stats() {
    }

    /**
     * Commit-to-arrival latency of the first arrival of each (receiver, title) among {@code receivers},
     * in ms: count, missing, p50, p95, p99, max.
     */
    static Map<String, Object> latency(Map<String, Long> committed, List<Arrival> arrivals,
                                       Collection<Integer> receivers, int expectedPerChange) {
        Set<String> seen = new HashSet<>();
        long[] latencies = new long[arrivals.size()];
        int n = 0;
        for (Arrival a : arrivals) {
            Long commit = a.title() == null ? null : committed.get(a.title());
            if (commit == null || !receivers.contains(a.receiver()) || !seen.add(a.receiver() + "/" + a.title())) {
                continue;
            }
            latencies[n++] = a.nanos() - commit;
        }
        Map<String, Object> out = percentiles(Arrays.copyOf(latencies, n));
        out.put("expected", (long) committed.size() * expectedPerChange);
        out.put("missing", (long) committed.size() * expectedPerChange - n);
        return out;
    }

    static Map<String, Object> percentiles(long[] nanos) {
        Arrays.sort(nanos);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", nanos.length);
        out.put("p50_ms", ms(quantile(nanos, 0.50)));
        out.put("p95_ms", ms(quantile(nanos, 0.95)));
        out.put("p99_ms", ms(quantile(nanos, 0.99)));
        out.put("max_ms", ms(nanos.length == 0 ? 0 : nanos[nanos.length - 1]));
        return out;
    }

    /** Deliveries per second between the 10th and 90th percentile of arrival times: the steady middle of a run. */
    static double sustainedRate(List<Arrival> arrivals) {
        long[] t = arrivals.stream().mapToLong(Arrival::nanos).sorted().toArray();
        if (t.length < 10) {
            return Double.NaN;
        }
        int lo = (int) (t.length * 0.1);
        int hi = (int) (t.length * 0.9);
        double seconds = (t[hi] - t[lo]) / 1e9;
        return seconds <= 0 ? Double.NaN : (hi - lo) / seconds;
    }

    private static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
