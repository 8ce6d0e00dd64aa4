package io.hookline.bench;

import static io.hookline.bench.Bench.deadline;
import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Scenario 2, latency: one run per transaction at a fixed rate, open loop, commit-to-arrival at the
 * receivers; and GraphQL test events, mutation response to arrival.
 */
final class Latency {

    private final Bench bench;

    Latency(Bench bench) {
        this.bench = bench;
    }

    void run(int rate) throws Exception {
        log("Scenario 2 at " + rate + " changes/s");
        Map<String, Object> out = measure("lat" + rate, rate, bench.settings.latencySeconds(), 1, false);
        bench.results.put("s2_latency_" + rate, out);
        log("  " + out);
        double p99 = (double) out.get("p99_ms");
        bench.report.add("2 latency", rate + " changes/s, 1 recv: p50/p95/p99/max ms",
                out.get("p50_ms") + "/" + out.get("p95_ms") + "/" + p99 + "/" + out.get("max_ms"), "", "",
                rate == 200 ? "p99 < 50" : "", rate == 200 ? verdict(p99 < 50) : "");
    }

    /**
     * Commit-to-arrival at the first {@code healthy} receivers (and the hanging and failing ones
     * subscribed too if {@code bad}) for {@code seconds} at {@code rate} changes/s, after a 1 s warm-up.
     */
    Map<String, Object> measure(String prefix, int rate, double seconds, int healthy, boolean bad) throws Exception {
        Pipeline pipeline = bench.pipeline;
        BenchReceiver receiver = bench.receiver;
        bench.activate(healthy, bad);
        // A short warm-up at the same rate, not measured.
        long warmAfter = pipeline.maxEventId();
        Map<String, Long> warm = bench.changes.insertAtRate(prefix + "-warm", rate, 1, rate >= 1000 ? 8 : 4);
        pipeline.awaitSucceeded(warmAfter, (long) warm.size() * healthy, deadline(60));
        receiver.drain();
        long after = pipeline.maxEventId();
        Map<String, Long> committed = bench.changes.insertAtRate(prefix, rate, seconds, rate >= 1000 ? 8 : 4);
        long done = pipeline.awaitSucceeded(after, (long) committed.size() * healthy, deadline(120));
        Thread.sleep(200);
        List<Arrival> arrivals = receiver.drain();
        Map<String, Object> out = Stats.latency(committed, arrivals, IntStream.range(0, healthy).boxed().toList(),
                healthy);
        out.put("rate", rate);
        out.put("seconds", seconds);
        out.put("achieved_changes_per_second", Stats.round(committed.size() / seconds, 1));
        out.put("healthy_receivers", healthy);
        out.put("healthy_succeeded", done);
        if (bad) {
            out.put("requests_to_hanging", arrivals.stream().filter(a -> a.receiver() == receiver.hangingReceiver()).count());
            out.put("requests_to_failing", arrivals.stream().filter(a -> a.receiver() == receiver.failingReceiver()).count());
        }
        return out;
    }

    void graphQlTestEvents() throws Exception {
        log("GraphQL: sendTestWebhookEvent at 20/s");
        BenchReceiver receiver = bench.receiver;
        long receiverId = bench.receiverIds.getFirst();
        receiver.drain();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < bench.settings.graphqlEvents(); i++) {
            long due = start + i * 50_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            long id = bench.api.sendTestEvent(receiverId);
            sent.put("evt_" + id, System.nanoTime());
        }
        long deadline = deadline(60);
        List<Arrival> arrivals = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            arrivals.addAll(receiver.drain());
            if (arrivals.stream().filter(a -> sent.containsKey(a.webhookId())).count() >= sent.size()) {
                break;
            }
            Thread.sleep(50);
        }
        long[] latencies = arrivals.stream().filter(a -> sent.containsKey(a.webhookId()))
                .mapToLong(a -> a.nanos() - sent.get(a.webhookId())).toArray();
        Map<String, Object> out = Stats.percentiles(latencies);
        out.put("sent", sent.size());
        bench.results.put("s2_graphql_test_events", out);
        bench.report.add("2 latency", "GraphQL sendTestWebhookEvent 20/s: response-to-arrival p50/p99 ms",
                out.get("p50_ms") + "/" + out.get("p99_ms"), "", "", "", "");
    }
}
