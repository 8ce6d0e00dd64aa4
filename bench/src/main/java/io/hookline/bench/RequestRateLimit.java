package io.hookline.bench;

import static io.hookline.bench.Bench.deadline;
import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7c: {@code maxRequestsPerSecond} 50 with a backlog due and two Hookline processes on the
 * database: the receiver's arrival rate.
 */
final class RequestRateLimit {

    static final int PORT = 2;
    static final double RATE = 50;

    private final ControlsRun run;
    private final Bench bench;

    RequestRateLimit(ControlsRun run) {
        this.run = run;
        this.bench = run.bench();
    }

    /** 7c: a backlog due at a receiver limited to 50 requests/s, two Hookline processes sending. */
    Map<String, Object> measure(long id, int window) throws Exception {
        log("Scenario 7: maxRequestsPerSecond " + RATE + ", starting a second Hookline worker on the same database");
        Hookline first = bench.hookline;
        Hookline second = bench.startWorker("hookline-3");
        try {
            int backlog = (int) (RATE * (window + 2) * 2);
            log("Scenario 7: " + backlog + " changes due at once, arrivals counted for " + window + " s");
            bench.pipeline.activateOnly(List.of(id), run.everyReceiver());
            run.receiver().drain();
            double[] before = {first.deliveryAttempts(), second.deliveryAttempts()};
            long after = bench.pipeline.maxEventId();
            bench.changes.insertInBatches("c7-rate", backlog, 500);
            List<Arrival> arrivals = new ArrayList<>();
            long giveUp = deadline(60);
            while (arrivals.isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
                arrivals.addAll(run.receiver().drain());
            }
            if (arrivals.isEmpty()) {
                throw new IllegalStateException("Nothing reached the rate-limited receiver within 60 s");
            }
            // The first second holds the bucket's initial burst: counted from the next one on.
            long from = arrivals.getFirst().nanos() + 1_000_000_000L;
            Thread.sleep(Duration.ofNanos(Math.max(0, from + window * 1_000_000_000L - System.nanoTime())).plusMillis(200));
            arrivals.addAll(run.receiver().drain());
            long[] perSecond = ArrivalOrder.perSecond(arrivals, from, window);
            long counted = Arrays.stream(perSecond).sum();
            long left = backlog - bench.pipeline.succeededAfter(after);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("limit", RATE);
            out.put("window_seconds", window);
            out.put("backlog", backlog);
            out.put("arrivals_in_window", counted);
            out.put("per_second", Stats.round(counted / (double) window, 1));
            out.put("each_second", Arrays.stream(perSecond).boxed().toList());
            out.put("still_due_at_end", left);
            out.put("attempts_by_worker", List.of(first.deliveryAttempts() - before[0],
                    second.deliveryAttempts() - before[1]));
            log("  " + out);
            double rate = (double) out.get("per_second");
            String label = "maxRequestsPerSecond " + (int) RATE + ", backlog due, 2 workers";
            bench.report.add("7 controls", label + ": arrivals/s over " + window + " s", rate, "", "",
                    "50 +- 5", verdict(Math.abs(rate - RATE) <= 5 && left > 0));
            bench.report.add("7 controls", label + ": attempts by worker; still due at end",
                    out.get("attempts_by_worker") + "; " + left, "", "", "", "");
            return out;
        } finally {
            bench.pipeline.activateOnly(List.of(), run.everyReceiver());
            bench.pipeline.cancelQueued(List.of(id));
            bench.stopWorker(second);
        }
    }
}
