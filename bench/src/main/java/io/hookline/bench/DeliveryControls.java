package io.hookline.bench;

import static io.hookline.bench.Bench.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, the delivery controls of docs/delivery-controls.md, each set through the GraphQL API on
 * a receiver of its own (a port of this scenario's own bench receiver):
 * <ol>
 *   <li>{@code PER_ROW} against {@code NONE} on the same receiver, over the same number of updates
 *       spread over 100 existing runs; and whether each run's events arrived in change order;</li>
 *   <li>{@code ALL} to a receiver that answers after 5 ms, and the most requests it saw at once;</li>
 *   <li>{@code maxRequestsPerSecond} 50 with a backlog due and two Hookline processes on the database:
 *       the receiver's arrival rate.</li>
 * </ol>
 */
final class DeliveryControls {

    private final Bench bench;
    private final boolean quick;
    private final List<Long> everyReceiver;
    private BenchReceiver receiver;

    DeliveryControls(Bench bench) {
        this.bench = bench;
        this.quick = bench.settings.mode().equals("quick");
        this.everyReceiver = new ArrayList<>(bench.allBenchReceivers());
    }

    void run() throws Exception {
        log("Scenario 7: delivery controls");
        receiver = bench.keep(new BenchReceiver(3, Duration.ofSeconds(20)));
        receiver.answerAfter(AllOrdering.PORT, AllOrdering.SLOW_ANSWER);
        long rowsId = create("bench-per-row", PerRowOrdering.PORT, "UPDATE", Map.of());
        long allId = create("bench-all", AllOrdering.PORT, "CREATE", Map.of("ordering", "ALL"));
        long rateId = create("bench-rate-limited", RequestRateLimit.PORT, "CREATE",
                Map.of("maxRequestsPerSecond", RequestRateLimit.RATE));
        ControlsRun controls = new ControlsRun(bench, receiver, everyReceiver, quick);
        Map<String, Object> out = new LinkedHashMap<>();
        bench.results.put("s7_delivery_controls", out);
        try {
            out.put("per_row", new PerRowOrdering(controls).measure(rowsId, quick ? 20 : 50));
            out.put("all", new AllOrdering(controls).measure(allId, quick ? 1_000 : 3_000));
            out.put("max_requests_per_second", new RequestRateLimit(controls).measure(rateId, quick ? 10 : 20));
        } finally {
            bench.pipeline.activateOnly(List.of(), everyReceiver);
            bench.pipeline.cancelQueued(List.of(rowsId, allId, rateId));
        }
    }

    private long create(String name, int port, String action, Map<String, Object> controls) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>(controls);
        input.put("name", name);
        input.put("webhookUri", receiver.url(port));
        long id = bench.api.createSubscribedReceiver(input, action);
        everyReceiver.add(id);
        return id;
    }
}
