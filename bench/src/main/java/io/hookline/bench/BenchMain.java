package io.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Runs every scenario and baseline against one Hookline on one database, prints a table and writes
 * the figures as JSON. Everything it starts it stops, on failure too; a watchdog ends a run that
 * overstays its limit.
 */
public final class BenchMain {

    private static final int HEALTHY_RECEIVERS = 100;
    private static final int PER_RECEIVER = 8;   // Hookline's default per-receiver concurrency
    private static final int MAX_IN_FLIGHT = 256; // Hookline's default max in flight

    private final Settings settings;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Report report = new Report();
    private final List<AutoCloseable> running = new ArrayList<>();
    /** The Hookline processes doing delivery work now. */
    private final List<Hookline> workers = new ArrayList<>();

    private BenchReceiver receiver;
    private HikariDataSource db;
    private Pipeline pipeline;
    private Changes changes;
    private GraphQl api;
    private final List<Long> receiverIds = new ArrayList<>();
    private long hangingId;
    private long failingId;
    private String template;
    private String templateTitle;

    private BenchMain(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        BenchMain bench = new BenchMain(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(settings.runLimit());
                System.err.println("The run overstayed its limit of " + settings.runLimit() + "; stopping");
                System.exit(3);
            } catch (InterruptedException done) {
                // finished in time
            }
        });
        int status = 0;
        try {
            bench.run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        } finally {
            watchdog.interrupt();
            bench.stopAll();
        }
        System.exit(status);
    }

    private synchronized void stopAll() {
        for (AutoCloseable c : running.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("Stopping " + c + " failed: " + e);
            }
        }
        running.clear();
    }

    private void run() throws Exception {
        long runStart = System.nanoTime();
        results.put("mode", settings.mode());
        results.put("started_at", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("load_average_at_start", Machine.loadAverage());
        Files.createDirectories(settings.workDir());

        receiver = new BenchReceiver(HEALTHY_RECEIVERS, Duration.ofSeconds(20));
        running.add(receiver);
        receiverCeiling();
        if (settings.mode().equals("receiver")) {
            report.print(System.out);
            return;
        }

        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        log("Starting Hookline");
        Hookline hookline = Hookline.start(settings.java(), settings.hooklineJar(), settings.workDir(), "hookline-1",
                freePort(), key, settings.jdbcUrl(), true, true);
        running.add(hookline);
        workers.add(hookline);
        String jdbcUrl = settings.jdbcUrl() != null ? settings.jdbcUrl() : hookline.embeddedJdbcUrl();
        results.put("database", settings.jdbcUrl() != null ? "external" : "embedded PostgreSQL (fsync on)");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(24); // as Hookline's pool
        db = new HikariDataSource(pool);
        running.add(db);
        pipeline = new Pipeline(db);
        changes = new Changes(db, pipeline.organizationId());
        api = new GraphQl(hookline.port, settings.apiKey() != null ? settings.apiKey() : hookline.apiKey());
        setUpReceivers();

        Map<String, Object> commits = pipeline.commitLatency(200);
        results.put("commit_latency_one_row", commits);
        report.add("database", "one-row INSERT + COMMIT (fsync on) p50/p99 ms",
                commits.get("p50_ms") + "/" + commits.get("p99_ms"), "", "", "", "");
        write();
        for (int r : settings.throughputReceivers()) {
            throughput(r);
            write();
        }
        for (int rate : settings.latencyRates()) {
            latency(rate);
            write();
        }
        if (List.of("full", "quick", "relay").contains(settings.mode())) {
            relay(hookline);
            write();
        }
        if (settings.graphqlEvents() > 0) {
            graphQlTestEvents();
            write();
        }
        if (settings.isolationSeconds() > 0) {
            isolation();
            write();
        }
        if (settings.scaleOutReceivers().length > 0) {
            scaleOut(hookline, key, jdbcUrl);
            write();
        }
        if (List.of("full", "quick", "filters").contains(settings.mode())) {
            log("Scenario 6: what filters cost the fan-out");
            boolean quick = settings.mode().equals("quick");
            results.put("s6_filters", new FilterCost(db, api, pipeline, receiverIds, allBenchReceivers())
                    .run(quick ? 5_000 : 20_000, quick ? 1 : 2, report));
            write();
        }
        if (settings.backlogEvents() > 0) {
            backlog(hookline);
        }
        long[] memory = hookline.memoryKib();
        results.put("hookline_peak_rss_mb_whole_run", memory[1] / 1024);
        if (settings.mode().equals("smoke")) {
            requireEverythingDelivered();
        }
        results.put("load_average_at_end", Machine.loadAverage());
        report.add("machine", "load average 1/5/15 min at start -> end", results.get("load_average_at_start") + " -> "
                + results.get("load_average_at_end"), "", "", "", "");
        results.put("total_seconds", Stats.round((System.nanoTime() - runStart) / 1e9, 1));
        results.put("table", report.rows());
        report.print(System.out);
        write();
    }

    // --- setup --------------------------------------------------------------------------------------------

    private void receiverCeiling() throws Exception {
        log("Bench receiver ceiling");
        String body = "{\"data\": {\"id\": 1, \"title\": \"ceiling\"}, \"padding\": \"" + "x".repeat(400) + "\"}";
        Map<String, Object> ceiling = Baselines.receiverCeiling(receiver, 8, 64, settings.ceilingRequests(), body);
        results.put("receiver_ceiling", ceiling);
        report.add("receiver", "bench receiver ceiling, raw keep-alive client (64 conns, 8 ports), req/s",
                ceiling.get("per_second"), "", "", "", "");
    }

    private void setUpReceivers() throws Exception {
        log("Creating " + (HEALTHY_RECEIVERS + 2) + " receivers and subscriptions through GraphQL");
        try (var calls = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < HEALTHY_RECEIVERS; i++) {
                int n = i;
                ids.add(calls.submit(() -> api.createSubscribedReceiver("bench-" + n, receiver.url(n))));
            }
            for (var id : ids) {
                receiverIds.add(id.get());
            }
        }
        hangingId = api.createSubscribedReceiver("bench-hanging", receiver.url(receiver.hangingReceiver()));
        failingId = api.createSubscribedReceiver("bench-failing", receiver.url(receiver.failingReceiver()));
        // Warm up and take a real body as the template for the baselines and the backlog.
        activate(1, false);
        long after = pipeline.maxEventId();
        changes.insertInBatches("warmup", 500, 100);
        pipeline.awaitSucceeded(after, 500, deadline(60));
        template = pipeline.firstBody(after);
        templateTitle = BenchReceiver.titleOf(template.getBytes());
        receiver.drain();
        results.put("payload_bytes", template.length());
    }

    private List<Long> allBenchReceivers() {
        List<Long> all = new ArrayList<>(receiverIds);
        all.add(hangingId);
        all.add(failingId);
        return all;
    }

    private void activate(int healthy, boolean withBadOnes) throws Exception {
        List<Long> active = new ArrayList<>(receiverIds.subList(0, healthy));
        if (withBadOnes) {
            active.add(hangingId);
            active.add(failingId);
        }
        pipeline.activateOnly(active, allBenchReceivers());
    }

    // --- scenario 1 and 5: throughput -----------------------------------------------------------------

    private void throughput(int receivers) throws Exception {
        int changeCount = settings.changesFor(receivers);
        int events = changeCount * receivers;
        int concurrency = Math.min(MAX_IN_FLIGHT, PER_RECEIVER * receivers);
        log("Scenario 1 at " + receivers + " receivers: HTTP limit");
        Map<String, Object> limit = Baselines.httpLimit(receiver, receivers, events, concurrency, template, templateTitle);
        log("Scenario 1 at " + receivers + " receivers: db-scheduler dispatcher");
        long[] countersBefore = pipeline.counters();
        long[] cpuBefore = Machine.cpuTicks();
        Map<String, Object> dbs = Baselines.dbScheduler(db, receiver, receivers, events, concurrency, template,
                templateTitle, Duration.ofMinutes(8));
        dbs.put("machine_cpu_busy_pct", Machine.busyPercent(cpuBefore, Machine.cpuTicks()));
        Pipeline.putPerEvent(dbs, countersBefore, pipeline.counters(), events);
        log("Scenario 1 at " + receivers + " receivers: Hookline");
        Map<String, Object> hook = hooklineThroughput(receivers, changeCount, "tp" + receivers);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receivers", receivers);
        out.put("changes", changeCount);
        out.put("events", events);
        out.put("hookline", hook);
        out.put("http_limit", limit);
        out.put("db_scheduler", dbs);
        results.put("s1_throughput_" + receivers, out);
        log("  Hookline " + hook.get("per_second") + "/s, db-scheduler " + dbs.get("per_second") + "/s, HTTP limit "
                + limit.get("per_second") + "/s");
        double h = (double) hook.get("per_second");
        String label = changeCount + " changes x " + receivers + " recv = " + events + " events";
        report.add("1 throughput", label + ": deliveries/s vs db-scheduler", h,
                dbs.get("per_second"), ratio(h, (double) dbs.get("per_second")), ">= 2x",
                verdict(h >= 2 * (double) dbs.get("per_second")));
        report.add("1 throughput", label + ": deliveries/s vs HTTP limit", h,
                limit.get("per_second"), ratio(h, (double) limit.get("per_second")), ">= 0.7x",
                verdict(h >= 0.7 * (double) limit.get("per_second")));
        report.add("1 throughput", label + ": s until last SUCCEEDED (db-sched: last done)",
                hook.get("seconds_until_last_succeeded"), dbs.get("seconds_until_last_completed"), "", "", "");
        report.add("1 throughput", label + ": machine CPU busy % (Hookline JVM CPU ms/event)",
                hook.get("machine_cpu_busy_pct") + " (" + hook.get("hookline_cpu_ms_per_event") + ")",
                dbs.get("machine_cpu_busy_pct"), "", "", "");
        report.add("1 throughput", label + ": commits / WAL bytes per event",
                hook.get("commits_per_event") + " / " + hook.get("wal_bytes_per_event"),
                dbs.get("commits_per_event") + " / " + dbs.get("wal_bytes_per_event"), "", "", "");
    }

    private Map<String, Object> hooklineThroughput(int receivers, int changeCount, String prefix) throws Exception {
        activate(receivers, false);
        receiver.drain();
        long after = pipeline.maxEventId();
        long events = (long) changeCount * receivers;
        long[] countersBefore = pipeline.counters();
        long[] cpuBefore = Machine.cpuTicks();
        long hooklineCpuBefore = workers.stream().mapToLong(Hookline::cpuMillis).sum();
        long start = System.nanoTime();
        Map<String, Long> committed = changes.insertInBatches(prefix, changeCount, 500);
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        long done = pipeline.awaitSucceeded(after, events, deadline(600));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<BenchReceiver.Arrival> arrivals = receiver.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine_cpu_busy_pct", Machine.busyPercent(cpuBefore, Machine.cpuTicks()));
        out.put("hookline_cpu_ms_per_event", Stats.round(
                (workers.stream().mapToLong(Hookline::cpuMillis).sum() - hooklineCpuBefore) / (double) Math.max(1, done), 2));
        Pipeline.putPerEvent(out, countersBefore, pipeline.counters(), done);
        out.put("insert_seconds", Stats.round(insertSeconds, 2));
        out.put("seconds_until_last_succeeded", Stats.round(seconds, 2));
        out.put("succeeded", done);
        out.put("unfinished", events - done);
        out.put("per_second", Stats.round(done / seconds, 1));
        out.put("sustained_per_second", Stats.round(Stats.sustainedRate(arrivals), 1));
        out.put("requests_received", arrivals.size());
        out.put("commit_to_arrival", Stats.latency(committed, arrivals,
                IntStream.range(0, receivers).boxed().toList(), receivers));
        return out;
    }

    // --- scenario 2: latency at a fixed rate ----------------------------------------------------------------

    private Map<String, Object> latencyRun(String prefix, int rate, double seconds, int healthy, boolean bad)
            throws Exception {
        activate(healthy, bad);
        // A short warm-up at the same rate, not measured.
        long warmAfter = pipeline.maxEventId();
        Map<String, Long> warm = changes.insertAtRate(prefix + "-warm", rate, 1, rate >= 1000 ? 8 : 4);
        pipeline.awaitSucceeded(warmAfter, (long) warm.size() * healthy, deadline(60));
        receiver.drain();
        long after = pipeline.maxEventId();
        Map<String, Long> committed = changes.insertAtRate(prefix, rate, seconds, rate >= 1000 ? 8 : 4);
        long done = pipeline.awaitSucceeded(after, (long) committed.size() * healthy, deadline(120));
        Thread.sleep(200);
        List<BenchReceiver.Arrival> arrivals = receiver.drain();
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

    private void latency(int rate) throws Exception {
        log("Scenario 2 at " + rate + " changes/s");
        Map<String, Object> out = latencyRun("lat" + rate, rate, settings.latencySeconds(), 1, false);
        results.put("s2_latency_" + rate, out);
        log("  " + out);
        double p99 = (double) out.get("p99_ms");
        report.add("2 latency", rate + " changes/s, 1 recv: p50/p95/p99/max ms",
                out.get("p50_ms") + "/" + out.get("p95_ms") + "/" + p99 + "/" + out.get("max_ms"), "", "",
                rate == 200 ? "p99 < 50" : "", rate == 200 ? verdict(p99 < 50) : "");
    }

    // --- scenario 6: relay -----------------------------------------------------------------------------

    private void relay(Hookline hookline) throws Exception {
        log("Scenario 6: one relay client against direct delivery to the same receiver");
        RelayScenario scenario = new RelayScenario(settings, api, pipeline, changes, receiver);
        running.add(scenario);
        Map<String, Object> out = scenario.run(hookline.port, receiverIds.getFirst(), allBenchReceivers());
        scenario.close();
        results.put("s6_relay", out);
        log("  " + out);
        double direct = (double) ((Map<?, ?>) out.get("direct")).get("per_second");
        double relayed = (double) ((Map<?, ?>) out.get("relay")).get("per_second");
        Map<?, ?> latency = (Map<?, ?>) out.get("relay_latency_200");
        double p99 = (double) latency.get("p99_ms");
        report.add("6 relay", out.get("changes") + " changes, 1 recv, 1 relay client: deliveries/s vs direct", relayed,
                direct, ratio(relayed, direct), ">= 0.5x", verdict(relayed >= 0.5 * direct));
        report.add("6 relay", "200 changes/s through the relay: p50/p95/p99/max ms",
                latency.get("p50_ms") + "/" + latency.get("p95_ms") + "/" + p99 + "/" + latency.get("max_ms"), "", "",
                "p99 < 100", ((Number) latency.get("count")).longValue() == 0 ? "no samples" : verdict(p99 < 100));
    }

    private void graphQlTestEvents() throws Exception {
        log("GraphQL: sendTestWebhookEvent at 20/s");
        receiver.drain();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < settings.graphqlEvents(); i++) {
            long due = start + i * 50_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            long id = api.sendTestEvent(receiverIds.getFirst());
            sent.put("evt_" + id, System.nanoTime());
        }
        long deadline = deadline(60);
        List<BenchReceiver.Arrival> arrivals = new ArrayList<>();
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
        results.put("s2_graphql_test_events", out);
        report.add("2 latency", "GraphQL sendTestWebhookEvent 20/s: response-to-arrival p50/p99 ms",
                out.get("p50_ms") + "/" + out.get("p99_ms"), "", "", "", "");
    }

    // --- scenario 3: isolation ----------------------------------------------------------------------------

    private void isolation() throws Exception {
        int rate = settings.isolationRate();
        // The rate is in changes/s fanned out to 10 healthy receivers: 20 changes/s make the same 200
        // deliveries/s to healthy receivers as scenario 2's 200 changes/s to one.
        log("Scenario 3: 10 healthy receivers alone at " + rate + " changes/s");
        Map<String, Object> alone = latencyRun("iso-alone", rate, settings.isolationSeconds(), 10, false);
        log("Scenario 3: 10 healthy + 1 hanging + 1 failing at " + rate + " changes/s");
        Map<String, Object> mixed = latencyRun("iso-mixed", rate, settings.isolationSeconds(), 10, true);
        activate(0, false);
        pipeline.cancelQueued(List.of(hangingId, failingId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthy_alone", alone);
        out.put("healthy_with_bad_receivers", mixed);
        results.put("s3_isolation", out);
        double p99 = (double) mixed.get("p99_ms");
        Object s2 = results.get("s2_latency_" + rate * 10);
        if (s2 instanceof Map<?, ?> m && m.get("p99_ms") instanceof Double s2p99) {
            report.add("3 isolation", rate + " changes/s x 10 healthy: p99 ms with hang+500 vs scenario 2 at "
                    + rate * 10 + "/s", p99, s2p99,
                    ratio(p99, s2p99), "<= 1.5x", verdict(p99 <= 1.5 * s2p99));
        }
        double aloneP99 = (double) alone.get("p99_ms");
        report.add("3 isolation", rate + " changes/s x 10 healthy: p99 ms with hang+500 vs the 10 alone", p99,
                aloneP99, ratio(p99, aloneP99),
                "(<= 1.5x)", verdict(p99 <= 1.5 * aloneP99));
    }

    // --- scenario 5: scale-out ---------------------------------------------------------------------------

    /** The worker's own count of delivery attempts, from its Prometheus endpoint. */
    private static double attempts(Hookline worker) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + worker.port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith("hookline_delivery_attempts_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private void scaleOut(Hookline first, String key, String jdbcUrl) throws Exception {
        log("Scenario 5: starting a second Hookline worker on the same database");
        Hookline second = Hookline.start(settings.java(), settings.hooklineJar(), settings.workDir(), "hookline-2",
                freePort(), key, jdbcUrl, false, true);
        running.add(second);
        workers.add(second);
        try {
            hooklineThroughput(10, 100, "so-warm");
            for (int r : settings.scaleOutReceivers()) {
                log("Scenario 5 at " + r + " receivers, two workers");
                double[] before = {attempts(first), attempts(second)};
                Map<String, Object> two = hooklineThroughput(r, settings.changesFor(r), "so" + r);
                two.put("attempts_by_worker", List.of(attempts(first) - before[0], attempts(second) - before[1]));
                Map<?, ?> oneRun = (Map<?, ?>) results.get("s1_throughput_" + r);
                double one = oneRun == null ? Double.NaN : (double) ((Map<?, ?>) oneRun.get("hookline")).get("per_second");
                double both = (double) two.get("per_second");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("receivers", r);
                out.put("two_workers", two);
                out.put("one_worker_per_second", one);
                results.put("s5_scale_out_" + r, out);
                report.add("5 scale-out", r + " recv: deliveries/s, 2 workers vs 1", both, one, ratio(both, one),
                        ">= 1.6x", verdict(both >= 1.6 * one));
                report.add("5 scale-out", r + " recv: attempts by worker; CPU busy %", two.get("attempts_by_worker")
                        + "; " + two.get("machine_cpu_busy_pct"), "", "", "", "");
            }
        } finally {
            workers.remove(second);
            running.remove(second);
            second.close();
        }
    }

    // --- scenario 4: backlog -------------------------------------------------------------------------------

    private void backlog(Hookline hookline) throws Exception {
        int count = settings.backlogEvents();
        List<Long> targets = receiverIds.subList(0, 10);
        log("Scenario 4: claim query with nothing due");
        Object[] idle = pipeline.explainClaim();
        log("Scenario 4: inserting " + count + " due events (receivers paused)");
        activate(10, false);
        pipeline.setReceiversActive(targets, false);
        long after = pipeline.maxEventId();
        long insertStart = System.nanoTime();
        pipeline.insertBacklog(count, targets, pipeline.subscriptionsOf(targets), changes.organizationId(), template,
                templateTitle);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        log("Scenario 4: claim query right after the bulk insert, before statistics catch up (gives up after 60 s)");
        Object[] stale = pipeline.explainClaim(targets, 60_000);
        // A backlog that builds up over minutes is analyzed by autovacuum on the way; one made by a
        // single bulk insert is not yet, so the drain below starts from fresh statistics.
        pipeline.analyzeEvents();
        receiver.drain();
        AtomicLong maxRss = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxRss.accumulateAndGet(hookline.memoryKib()[0], Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        log("Scenario 4: draining for at most " + settings.backlogWindowSeconds() + " s");
        long start = System.nanoTime();
        pipeline.setReceiversActive(targets, true);
        Object[] loaded = pipeline.explainClaim();
        long done = pipeline.awaitSucceeded(after, count, start + (long) (settings.backlogWindowSeconds() * 1e9));
        double seconds = (System.nanoTime() - start) / 1e9;
        Object[] later = pipeline.explainClaim();
        sampler.interrupt();
        pipeline.setReceiversActive(targets, false);
        List<BenchReceiver.Arrival> arrivals = receiver.drain();
        long[] memory = hookline.memoryKib();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", count);
        out.put("receivers", targets.size());
        out.put("insert_seconds", Stats.round(insertSeconds, 1));
        out.put("window_seconds", Stats.round(seconds, 1));
        out.put("succeeded_in_window", done);
        out.put("drained_completely", done >= count);
        out.put("per_second", Stats.round(done / seconds, 1));
        out.put("sustained_per_second", Stats.round(Stats.sustainedRate(arrivals), 1));
        out.put("claim_ms_nothing_due", idle[0]);
        out.put("claim_ms_stale_statistics", stale[0]);
        out.put("claim_plan_stale_statistics", stale[1]);
        out.put("claim_ms_backlog_start", loaded[0]);
        out.put("claim_ms_backlog_end", later[0]);
        out.put("claim_plan_backlog_start", loaded[1]);
        out.put("hookline_max_rss_mb_during_drain", maxRss.get() / 1024);
        out.put("hookline_peak_rss_mb_vmhwm", memory[1] / 1024);
        results.put("s4_backlog", out);
        Map<?, ?> s1 = (Map<?, ?>) results.get("s1_throughput_10");
        double rate = (double) out.get("per_second");
        String label = count + " due at once, 10 recv";
        if (s1 != null) {
            double one = (double) ((Map<?, ?>) s1.get("hookline")).get("per_second");
            report.add("4 backlog", label + ": drain/s vs scenario 1 (10 recv)", rate, one, ratio(rate, one),
                    ">= 0.8x", verdict(rate >= 0.8 * one));
        } else {
            report.add("4 backlog", label + ": drain/s", rate, "", "", "", "");
        }
        report.add("4 backlog", "claim ms (EXPLAIN ANALYZE): backlog start / end vs nothing due",
                loaded[0] + " / " + later[0], idle[0], "", "", "");
        report.add("4 backlog", "claim ms before ANALYZE (stale statistics; NaN = over 60 s)", stale[0], "", "", "",
                "");
        report.add("4 backlog", "Hookline RSS MB: max during drain / VmHWM", maxRss.get() / 1024 + " / "
                + memory[1] / 1024, "", "", "< 512", verdict(memory[1] / 1024 < 512));
        pruning(after);
    }

    // --- scenario 6: retention --------------------------------------------------------------------------

    /** Prunes the drained backlog, aged past retention: a DELETE in slices (the tables are not partitioned). */
    private void pruning(long afterId) throws Exception {
        log("Scenario 6: pruning the backlog's events, aged past retention");
        long[] pruned = pipeline.pruneAged(afterId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events_pruned", pruned[0]);
        out.put("seconds", Stats.round(pruned[1] / 1e9, 1));
        out.put("method", "DELETE in slices of 5,000 (tables not partitioned)");
        if (pruned[0] > 0) {
            out.put("wal_bytes_per_event", pruned[2] / pruned[0]);
        }
        results.put("s6_pruning", out);
        report.add("6 retention", pruned[0] + " old events pruned (DELETE in slices): s / WAL bytes per event",
                out.get("seconds") + " / " + out.get("wal_bytes_per_event"), "", "", "", "");
    }

    /** The smoke run's verdict: every baseline and Hookline delivered every event, or the run fails. */
    private void requireEverythingDelivered() {
        for (int r : settings.throughputReceivers()) {
            Map<?, ?> run = (Map<?, ?>) results.get("s1_throughput_" + r);
            long events = ((Number) run.get("events")).longValue();
            long hookline = ((Number) ((Map<?, ?>) run.get("hookline")).get("succeeded")).longValue();
            long limit = ((Number) ((Map<?, ?>) run.get("http_limit")).get("succeeded")).longValue();
            long dbs = ((Number) ((Map<?, ?>) run.get("db_scheduler")).get("unfinished")).longValue();
            if (hookline != events || limit != events || dbs != 0) {
                throw new IllegalStateException("Smoke run incomplete at " + r + " receivers: Hookline " + hookline
                        + "/" + events + ", HTTP limit " + limit + "/" + events + ", db-scheduler unfinished " + dbs);
            }
        }
        System.out.println("Smoke run passed: every event delivered by Hookline and both baselines");
    }

    // --- output ----------------------------------------------------------------------------------------

    private void write() throws Exception {
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.output().toFile(), results);
        System.out.println("Figures written to " + settings.output());
    }

    private static String ratio(double a, double b) {
        return b > 0 && !Double.isNaN(a) ? String.format("%.2fx", a / b) : "";
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + seconds * 1_000_000_000L;
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void log(String message) {
        System.out.printf("[%s] %s%n", java.time.LocalTime.now().withNano(0), message);
    }
}
