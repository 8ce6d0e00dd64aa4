package io.hookline.bench;

import static io.hookline.bench.Bench.deadline;
import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final int ROWS = 100;
    private static final Duration SLOW_ANSWER = Duration.ofMillis(5);
    private static final double RATE = 50;
    private static final int ROW_PORT = 0;
    private static final int ALL_PORT = 1;
    private static final int RATE_PORT = 2;

    private final Bench bench;
    private final Pipeline pipeline;
    private final boolean quick;
    private final List<Long> everyReceiver;
    private BenchReceiver receiver;

    DeliveryControls(Bench bench) {
        this.bench = bench;
        this.pipeline = bench.pipeline;
        this.quick = bench.settings.mode().equals("quick");
        this.everyReceiver = new ArrayList<>(bench.allBenchReceivers());
    }

    void run() throws Exception {
        log("Scenario 7: delivery controls");
        receiver = bench.keep(new BenchReceiver(3, Duration.ofSeconds(20)));
        receiver.answerAfter(ALL_PORT, SLOW_ANSWER);
        long rowsId = create("bench-per-row", ROW_PORT, "UPDATE", Map.of());
        long allId = create("bench-all", ALL_PORT, "CREATE", Map.of("ordering", "ALL"));
        long rateId = create("bench-rate-limited", RATE_PORT, "CREATE", Map.of("maxRequestsPerSecond", RATE));
        Map<String, Object> out = new LinkedHashMap<>();
        bench.results.put("s7_delivery_controls", out);
        try {
            out.put("per_row", perRow(rowsId, quick ? 20 : 50));
            out.put("all", all(allId, quick ? 1_000 : 3_000));
            out.put("max_requests_per_second", rateLimited(rateId, quick ? 10 : 20));
        } finally {
            pipeline.activateOnly(List.of(), everyReceiver);
            pipeline.cancelQueued(List.of(rowsId, allId, rateId));
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

    /** 7a: {@code rounds} updates of each of 100 runs, under NONE and then PER_ROW. */
    private Map<String, Object> perRow(long id, int rounds) throws Exception {
        pipeline.activateOnly(List.of(id), everyReceiver); // subscribed to updates only: the inserts send nothing
        List<Long> rows = insertRows();
        log("Scenario 7: " + rounds * ROWS + " updates of " + ROWS + " runs, ordering NONE");
        updates("c7-warm", rows, 5);
        Map<String, Object> none = updates("c7-none", rows, rounds);
        bench.api.updateReceiver(id, Map.of("ordering", "PER_ROW"));
        log("Scenario 7: the same, ordering PER_ROW");
        Map<String, Object> perRow = updates("c7-row", rows, rounds);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", ROWS);
        out.put("changes", rounds * ROWS);
        out.put("none", none);
        out.put("per_row", perRow);
        log("  NONE " + none + "\n  PER_ROW " + perRow);
        double unordered = (double) none.get("per_second");
        double ordered = (double) perRow.get("per_second");
        long late = (long) perRow.get("out_of_order");
        String label = rounds * ROWS + " updates of " + ROWS + " runs, 1 recv";
        bench.report.add("7 controls", label + ": deliveries/s, PER_ROW vs NONE", ordered, unordered,
                ratio(ordered, unordered), ">= 0.5x", verdict(ordered >= 0.5 * unordered));
        bench.report.add("7 controls", label + ": events out of their run's order, PER_ROW (NONE)", late,
                none.get("out_of_order"), "", "0", verdict(late == 0 && (long) perRow.get("missing") == 0));
        return out;
    }

    private List<Long> insertRows() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = bench.db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into runs (organization_id, title) select ?, 'c7-run-' || g from generate_series(1, ?) g
                returning id""")) {
            insert.setLong(1, bench.changes.organizationId());
            insert.setInt(2, ROWS);
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** {@code rounds} transactions, each retitling every row {@code prefix-row-round}; timed until the last event succeeded. */
    private Map<String, Object> updates(String prefix, List<Long> rows, int rounds) throws Exception {
        receiver.drain();
        long after = pipeline.maxEventId();
        long start = System.nanoTime();
        try (Connection c = bench.db.getConnection(); PreparedStatement update = c.prepareStatement(
                "update runs set title = ? || '-' || id || '-' || ? where id = any (?)")) {
            c.setAutoCommit(false);
            for (int round = 0; round < rounds; round++) {
                update.setString(1, prefix);
                update.setInt(2, round);
                update.setArray(3, c.createArrayOf("bigint", rows.toArray()));
                update.executeUpdate();
                c.commit();
            }
        }
        long events = (long) rounds * rows.size();
        return timed(prefix, after, events, start, ROW_PORT, 300);
    }

    /** 7b: {@code count} new runs to an ALL receiver that answers after 5 ms. */
    private Map<String, Object> all(long id, int count) throws Exception {
        log("Scenario 7: " + count + " changes, ordering ALL, the receiver answering after " + SLOW_ANSWER.toMillis()
                + " ms");
        pipeline.activateOnly(List.of(id), everyReceiver);
        receiver.drain();
        receiver.takeMaxInFlight(ALL_PORT);
        long after = pipeline.maxEventId();
        long start = System.nanoTime();
        bench.changes.insertInBatches("c7-all", count, 500);
        // At the target pace the events take 20 s (quick: 7 s); a slower pace is measured over the cap.
        Map<String, Object> out = timed("c7-all", after, count, start, ALL_PORT, quick ? 30 : 60);
        pipeline.cancelQueued(List.of(id));
        int most = receiver.takeMaxInFlight(ALL_PORT);
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

    /** Waits until the events after {@code after} succeeded, at most {@code cap} seconds from {@code start}. */
    private Map<String, Object> timed(String prefix, long after, long events, long start, int port, int cap)
            throws Exception {
        long done = pipeline.awaitSucceeded(after, events, start + cap * 1_000_000_000L);
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

    /** 7c: a backlog due at a receiver limited to 50 requests/s, two Hookline processes sending. */
    private Map<String, Object> rateLimited(long id, int window) throws Exception {
        log("Scenario 7: maxRequestsPerSecond " + RATE + ", starting a second Hookline worker on the same database");
        Hookline first = bench.hookline;
        Hookline second = bench.startWorker("hookline-3");
        try {
            int backlog = (int) (RATE * (window + 2) * 2);
            log("Scenario 7: " + backlog + " changes due at once, arrivals counted for " + window + " s");
            pipeline.activateOnly(List.of(id), everyReceiver);
            receiver.drain();
            double[] before = {first.deliveryAttempts(), second.deliveryAttempts()};
            long after = pipeline.maxEventId();
            bench.changes.insertInBatches("c7-rate", backlog, 500);
            List<Arrival> arrivals = new ArrayList<>();
            long giveUp = deadline(60);
            while (arrivals.isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
                arrivals.addAll(receiver.drain());
            }
            if (arrivals.isEmpty()) {
                throw new IllegalStateException("Nothing reached the rate-limited receiver within 60 s");
            }
            // The first second holds the bucket's initial burst: counted from the next one on.
            long from = arrivals.getFirst().nanos() + 1_000_000_000L;
            Thread.sleep(Duration.ofNanos(Math.max(0, from + window * 1_000_000_000L - System.nanoTime())).plusMillis(200));
            arrivals.addAll(receiver.drain());
            long[] perSecond = ArrivalOrder.perSecond(arrivals, from, window);
            long counted = Arrays.stream(perSecond).sum();
            long left = backlog - pipeline.succeededAfter(after);
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
            pipeline.activateOnly(List.of(), everyReceiver);
            pipeline.cancelQueued(List.of(id));
            bench.stopWorker(second);
        }
    }
}
