package io.hookline.bench;

import static io.hookline.bench.Bench.deadline;
import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scenario 1, throughput: a fixed number of changes fanned out to 1, 10 or 100 receivers, Hookline
 * against the HTTP limit and db-scheduler posting the same bodies to the same receivers.
 */
final class Throughput {

    private static final int PER_RECEIVER = 8;   // Hookline's default per-receiver concurrency
    private static final int MAX_IN_FLIGHT = 256; // Hookline's default max in flight

    private final Bench bench;

    Throughput(Bench bench) {
        this.bench = bench;
    }

    void run(int receivers) throws Exception {
        Settings settings = bench.settings;
        Report report = bench.report;
        int changeCount = settings.changesFor(receivers);
        int events = changeCount * receivers;
        int concurrency = Math.min(MAX_IN_FLIGHT, PER_RECEIVER * receivers);
        log("Scenario 1 at " + receivers + " receivers: HTTP limit");
        BodyTemplate template = new BodyTemplate(bench.template, bench.templateTitle);
        Map<String, Object> limit = HttpBaselines.httpLimit(bench.receiver, receivers, events, concurrency, template);
        log("Scenario 1 at " + receivers + " receivers: db-scheduler dispatcher");
        long[] countersBefore = bench.dbCost.counters();
        long[] cpuBefore = Machine.cpuTicks();
        Map<String, Object> dbs = DbSchedulerBaseline.measure(bench.db, bench.receiver, receivers, events, concurrency,
                template, Duration.ofMinutes(8));
        dbs.put("machine_cpu_busy_pct", Machine.busyPercent(cpuBefore, Machine.cpuTicks()));
        DatabaseCost.putPerEvent(dbs, countersBefore, bench.dbCost.counters(), events);
        log("Scenario 1 at " + receivers + " receivers: Hookline");
        Map<String, Object> hook = hookline(receivers, changeCount, "tp" + receivers);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receivers", receivers);
        out.put("changes", changeCount);
        out.put("events", events);
        out.put("hookline", hook);
        out.put("http_limit", limit);
        out.put("db_scheduler", dbs);
        bench.results.put("s1_throughput_" + receivers, out);
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

    /** Hookline alone: {@code changeCount} changes to the first {@code receivers} receivers, by every worker running. */
    Map<String, Object> hookline(int receivers, int changeCount, String prefix) throws Exception {
        Pipeline pipeline = bench.pipeline;
        List<Hookline> workers = bench.workers;
        bench.activate(receivers, false);
        bench.receiver.drain();
        long after = pipeline.maxEventId();
        long events = (long) changeCount * receivers;
        long[] countersBefore = bench.dbCost.counters();
        long[] cpuBefore = Machine.cpuTicks();
        long hooklineCpuBefore = workers.stream().mapToLong(Hookline::cpuMillis).sum();
        long start = System.nanoTime();
        Map<String, Long> committed = bench.changes.insertInBatches(prefix, changeCount, 500);
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        long done = pipeline.awaitSucceeded(after, events, deadline(600));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Arrival> arrivals = bench.receiver.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine_cpu_busy_pct", Machine.busyPercent(cpuBefore, Machine.cpuTicks()));
        out.put("hookline_cpu_ms_per_event", Stats.round(
                (workers.stream().mapToLong(Hookline::cpuMillis).sum() - hooklineCpuBefore) / (double) Math.max(1, done), 2));
        DatabaseCost.putPerEvent(out, countersBefore, bench.dbCost.counters(), done);
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
}
