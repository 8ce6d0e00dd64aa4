package io.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario 6, the relay: one relay client (the {@code relay} command of Hookline's own jar, as its
 * own process) forwarding to bench receiver 0, against direct delivery to that same receiver in
 * the same run. Throughput over the same number of changes, then commit-to-arrival latency at a
 * fixed rate. Targets: at least 0.5x the direct throughput; p99 under 100 ms at 200 changes/s.
 */
final class RelayScenario implements AutoCloseable {

    private static final int RATE = 200;

    private final Settings settings;
    private final GraphQl api;
    private final Pipeline pipeline;
    private final Changes changes;
    private final BenchReceiver receiver;
    private Process client;

    RelayScenario(Settings settings, GraphQl api, Pipeline pipeline, Changes changes, BenchReceiver receiver) {
        this.settings = settings;
        this.api = api;
        this.pipeline = pipeline;
        this.changes = changes;
        this.receiver = receiver;
    }

    /** Runs the scenario against bench receiver 0 and puts its figures into the run's results and table. */
    static void measure(Bench bench) throws Exception {
        Bench.log("Scenario 6: one relay client against direct delivery to the same receiver");
        RelayScenario scenario = bench.keep(new RelayScenario(bench.settings, bench.api, bench.pipeline, bench.changes,
                bench.receiver));
        Map<String, Object> out = scenario.run(bench.hookline.port, bench.receiverIds.getFirst(),
                bench.allBenchReceivers());
        scenario.close();
        bench.results.put("s6_relay", out);
        Bench.log("  " + out);
        double direct = (double) ((Map<?, ?>) out.get("direct")).get("per_second");
        double relayed = (double) ((Map<?, ?>) out.get("relay")).get("per_second");
        Map<?, ?> latency = (Map<?, ?>) out.get("relay_latency_" + RATE);
        double p99 = (double) latency.get("p99_ms");
        bench.report.add("6 relay", out.get("changes") + " changes, 1 recv, 1 relay client: deliveries/s vs direct",
                relayed, direct, Bench.ratio(relayed, direct), ">= 0.5x", Bench.verdict(relayed >= 0.5 * direct));
        bench.report.add("6 relay", RATE + " changes/s through the relay: p50/p95/p99/max ms",
                latency.get("p50_ms") + "/" + latency.get("p95_ms") + "/" + p99 + "/" + latency.get("max_ms"), "", "",
                "p99 < 100", ((Number) latency.get("count")).longValue() == 0 ? "no samples" : Bench.verdict(p99 < 100));
    }

    /**
     * @param directId  the direct receiver pointing at bench receiver 0
     * @param all       every bench receiver, switched off but the one measured
     */
    Map<String, Object> run(int hooklinePort, long directId, List<Long> all) throws Exception {
        int count = settings.changesFor(1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes", count);

        pipeline.activateOnly(List.of(directId), all);
        out.put("direct", throughput("rly-direct", count));

        JsonNode created = api.call("""
                mutation { createWebhookReceiver(input: {name: "bench-relay", relay: true}) {
                  webhookReceiver { id } relayToken } }""", Map.of()).get("createWebhookReceiver");
        long relayId = created.at("/webhookReceiver/id").asLong();
        api.call("""
                mutation ($id: ID!) { createWebhookSubscription(input: {receiverId: $id, resource: RUNS, action: CREATE}) {
                  webhookSubscription { id } } }""", Map.of("id", relayId));
        List<Long> withRelay = new ArrayList<>(all);
        withRelay.add(relayId);
        pipeline.activateOnly(List.of(relayId), withRelay);
        startClient(hooklinePort, created.get("relayToken").asText());

        throughput("rly-warm", Math.min(500, count));
        out.put("relay", throughput("rly-relay", count));
        out.put("relay_latency_" + RATE, latency());
        pipeline.activateOnly(List.of(), withRelay);
        return out;
    }

    private Map<String, Object> throughput(String prefix, int count) throws Exception {
        receiver.drain();
        long after = pipeline.maxEventId();
        long start = System.nanoTime();
        changes.insertInBatches(prefix, count, 500);
        long done = pipeline.awaitSucceeded(after, count, System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        receiver.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("succeeded", done);
        out.put("seconds", Stats.round(seconds, 2));
        out.put("per_second", Stats.round(done / seconds, 1));
        return out;
    }

    private Map<String, Object> latency() throws Exception {
        receiver.drain();
        long after = pipeline.maxEventId();
        Map<String, Long> committed = changes.insertAtRate("rly-lat", RATE, settings.latencySeconds(), 4);
        long done = pipeline.awaitSucceeded(after, committed.size(), System.nanoTime() + TimeUnit.MINUTES.toNanos(2));
        Thread.sleep(200);
        Map<String, Object> out = Stats.latency(committed, receiver.drain(), List.of(0), 1);
        out.put("rate", RATE);
        out.put("succeeded", done);
        return out;
    }

    private void startClient(int hooklinePort, String token) throws Exception {
        Path log = settings.workDir().resolve("relay-client.log");
        client = new ProcessBuilder(settings.java(), "-jar", settings.hooklineJar().toString(), "relay",
                "--server", "http://127.0.0.1:" + hooklinePort, "--token", token, "--forward-to", receiver.url(0))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path pids = settings.workDir().resolve("pids");
        Files.createDirectories(pids);
        Files.writeString(pids.resolve("relay-client.java"), Long.toString(client.pid()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Connected to Hookline")) {
            if (!client.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the relay client did not connect:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        if (client != null && client.isAlive()) {
            client.destroy();
            if (!client.waitFor(30, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
    }
}
