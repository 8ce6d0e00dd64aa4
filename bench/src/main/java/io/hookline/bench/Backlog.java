package io.hookline.bench;

import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 4, backlog: events inserted straight into the event tables for paused receivers, all due
 * at once when they are switched on; the drain rate, the claim query's cost and Hookline's memory.
 * Then the retention step: the drained backlog aged past retention and pruned.
 */
final class Backlog {

    private final Bench bench;

    Backlog(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Pipeline pipeline = bench.pipeline;
        ClaimExplainer claim = new ClaimExplainer(bench.db);
        BacklogFiller filler = new BacklogFiller(bench.db);
        Hookline hookline = bench.hookline;
        Report report = bench.report;
        int count = bench.settings.backlogEvents();
        List<Long> targets = bench.receiverIds.subList(0, 10);
        log("Scenario 4: claim query with nothing due");
        Object[] idle = claim.explainClaim();
        log("Scenario 4: inserting " + count + " due events (receivers paused)");
        bench.activate(10, false);
        pipeline.setReceiversActive(targets, false);
        long after = pipeline.maxEventId();
        long insertStart = System.nanoTime();
        filler.insertBacklog(count, targets, filler.subscriptionsOf(targets), bench.changes.organizationId(),
                bench.template, bench.templateTitle);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        log("Scenario 4: claim query right after the bulk insert, before statistics catch up (gives up after 60 s)");
        Object[] stale = claim.explainClaim(targets, 60_000);
        // A backlog that builds up over minutes is analyzed by autovacuum on the way; one made by a
        // single bulk insert is not yet, so the drain below starts from fresh statistics.
        filler.analyzeEvents();
        bench.receiver.drain();
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
        log("Scenario 4: draining for at most " + bench.settings.backlogWindowSeconds() + " s");
        long start = System.nanoTime();
        pipeline.setReceiversActive(targets, true);
        Object[] loaded = claim.explainClaim();
        long done = pipeline.awaitSucceeded(after, count,
                start + (long) (bench.settings.backlogWindowSeconds() * 1e9));
        double seconds = (System.nanoTime() - start) / 1e9;
        Object[] later = claim.explainClaim();
        sampler.interrupt();
        pipeline.setReceiversActive(targets, false);
        List<Arrival> arrivals = bench.receiver.drain();
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
        bench.results.put("s4_backlog", out);
        Map<?, ?> s1 = (Map<?, ?>) bench.results.get("s1_throughput_10");
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

    /** Prunes the drained backlog, aged past retention: a DELETE in slices (the tables are not partitioned). */
    private void pruning(long afterId) throws Exception {
        log("Scenario 6: pruning the backlog's events, aged past retention");
        long[] pruned = new AgedEventPruner(bench.db, bench.dbCost).pruneAged(afterId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events_pruned", pruned[0]);
        out.put("seconds", Stats.round(pruned[1] / 1e9, 1));
        out.put("method", "DELETE in slices of 5,000 (tables not partitioned)");
        if (pruned[0] > 0) {
            out.put("wal_bytes_per_event", pruned[2] / pruned[0]);
        }
        bench.results.put("s6_pruning", out);
        bench.report.add("6 retention", pruned[0] + " old events pruned (DELETE in slices): s / WAL bytes per event",
                out.get("seconds") + " / " + out.get("wal_bytes_per_event"), "", "", "", "");
    }
}
