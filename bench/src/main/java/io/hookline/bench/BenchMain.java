package io.hookline.bench;

import static io.hookline.bench.Bench.log;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario and baseline against one Hookline on one database, prints a table and writes
 * the figures as JSON after each scenario. Everything it starts it stops, on failure too; a watchdog
 * ends a run that overstays its limit. The scenarios are their own classes; this one only sequences them.
 */
public final class BenchMain {

    private final Settings settings;
    private final Bench bench;

    private BenchMain(Settings settings) {
        this.settings = settings;
        this.bench = new Bench(settings);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        BenchMain main = new BenchMain(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(main.bench::stopAll));
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
            main.run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        } finally {
            watchdog.interrupt();
            main.bench.stopAll();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        long runStart = System.nanoTime();
        Map<String, Object> results = bench.results;
        Report report = bench.report;
        results.put("mode", settings.mode());
        results.put("started_at", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("load_average_at_start", Machine.loadAverage());
        Files.createDirectories(settings.workDir());

        bench.openReceivers();
        receiverCeiling();
        if (settings.mode().equals("receiver")) {
            report.print(System.out);
            return;
        }

        bench.startHookline();
        bench.setUpReceivers();

        Map<String, Object> commits = bench.dbCost.commitLatency(200);
        results.put("commit_latency_one_row", commits);
        report.add("database", "one-row INSERT + COMMIT (fsync on) p50/p99 ms",
                commits.get("p50_ms") + "/" + commits.get("p99_ms"), "", "", "", "");
        bench.write();
        for (int r : settings.throughputReceivers()) {
            new Throughput(bench).run(r);
            bench.write();
        }
        for (int rate : settings.latencyRates()) {
            new Latency(bench).run(rate);
            bench.write();
        }
        if (List.of("full", "quick", "relay").contains(settings.mode())) {
            RelayScenario.measure(bench);
            bench.write();
        }
        if (settings.graphqlEvents() > 0) {
            new Latency(bench).graphQlTestEvents();
            bench.write();
        }
        if (settings.isolationSeconds() > 0) {
            new Isolation(bench).run();
            bench.write();
        }
        if (settings.scaleOutReceivers().length > 0) {
            new ScaleOut(bench).run();
            bench.write();
        }
        if (List.of("full", "quick", "filters").contains(settings.mode())) {
            log("Scenario 6: what filters cost the fan-out");
            boolean quick = settings.mode().equals("quick");
            results.put("s6_filters", new FilterCost(bench.db, bench.api, bench.pipeline, bench.receiverIds,
                    bench.allBenchReceivers()).run(quick ? 5_000 : 20_000, quick ? 1 : 2, report));
            bench.write();
        }
        if (List.of("full", "quick", "controls").contains(settings.mode())) {
            new DeliveryControls(bench).run();
            bench.write();
        }
        if (settings.backlogEvents() > 0) {
            new Backlog(bench).run();
        }
        long[] memory = bench.hookline.memoryKib();
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
        bench.write();
    }

    private void receiverCeiling() throws Exception {
        log("Bench receiver ceiling");
        String body = "{\"data\": {\"id\": 1, \"title\": \"ceiling\"}, \"padding\": \"" + "x".repeat(400) + "\"}";
        Map<String, Object> ceiling = HttpBaselines.receiverCeiling(bench.receiver, 8, 64, settings.ceilingRequests(), body);
        bench.results.put("receiver_ceiling", ceiling);
        bench.report.add("receiver", "bench receiver ceiling, raw keep-alive client (64 conns, 8 ports), req/s",
                ceiling.get("per_second"), "", "", "", "");
    }

    /** The smoke run's verdict: every baseline and Hookline delivered every event, or the run fails. */
    private void requireEverythingDelivered() {
        for (int r : settings.throughputReceivers()) {
            Map<?, ?> run = (Map<?, ?>) bench.results.get("s1_throughput_" + r);
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
}
