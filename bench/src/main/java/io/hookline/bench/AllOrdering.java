package io.hookline.bench;

import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.verdict;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Scenario 7b: {@code ALL} to a receiver that answers after 5 ms, and the most requests it saw at once. */
final class AllOrdering {

    static final int PORT = 1;
    static final Duration SLOW_ANSWER = Duration.ofMillis(5);

    private final ControlsRun run;
    private final Bench bench;

    AllOrdering(ControlsRun run) {
        this.run = run;
        this.bench = run.bench();
    }

    /** 7b: {@code count} new runs to an ALL receiver that answers after 5 ms. */
    Map<String, Object> measure(long id, int count) throws Exception {
        log("Scenario 7: " + count + " changes, ordering ALL, the receiver answering after " + SLOW_ANSWER.toMillis()
                + " ms");
        bench.pipeline.activateOnly(List.of(id), run.everyReceiver());
        run.receiver().drain();
        run.receiver().takeMaxInFlight(PORT);
        long after = bench.pipeline.maxEventId();
        long start = System.nanoTime();
        bench.changes.insertInBatches("c7-all", count, 500);
        // At the target pace the events take 20 s (quick: 7 s); a slower pace is measured over the cap.
        Map<String, Object> out = run.timed("c7-all", after, count, start, PORT, run.quick() ? 30 : 60);
        bench.pipeline.cancelQueued(List.of(id));
        int most = run.receiver().takeMaxInFlight(PORT);
        out.put("max_concurrent_requests", most);
        log("  " + out);
        double rate = (double) out.get("per_second");
        String label = count + " changes, 1 recv answering after " + SLOW_ANSWER.toMillis() + " ms, ALL";
        bench.report.add("7 controls", label + ": deliveries/s", rate, "", "", ">= 150", verdict(rate >= 150));
        bench.report.add("7 controls", label + ": most requests at once at the receiver (out of order)",
                most + " (" + out.get("out_of_order") + ")", "", "", "1 (0)",
                verdict(most == 1 && (long) out.get("out_of_order") == 0));
        return out;
    }
}
