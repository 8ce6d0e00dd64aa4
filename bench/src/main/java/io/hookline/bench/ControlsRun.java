package io.hookline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What scenario 7's three measurements share: the run, the scenario's own bench receiver (a port per
 * control), every receiver whose subscriptions they switch (the bench's and the scenario's), and
 * whether the run is quick.
 */
record ControlsRun(Bench bench, BenchReceiver receiver, List<Long> everyReceiver, boolean quick) {

    /** Waits until the events after {@code after} succeeded, at most {@code cap} seconds from {@code start}. */
    Map<String, Object> timed(String prefix, long after, long events, long start, int port, int cap)
            throws Exception {
        long done = bench.pipeline.awaitSucceeded(after, events, start + cap * 1_000_000_000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(200);
        List<Arrival> arrivals = receiver.drain().stream().filter(a -> a.receiver() == port).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("succeeded", done);
        out.put("missing", events - done);
        out.put("seconds", Stats.round(seconds, 2));
        out.put("per_second", Stats.round(done / seconds, 1));
        out.put("requests_received", arrivals.size());
        out.put("out_of_order", ArrivalOrder.outOfOrder(arrivals, prefix));
        return out;
    }
}
