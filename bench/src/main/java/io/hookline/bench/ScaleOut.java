package io.hookline.bench;

import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5, scale-out: a second Hookline process, worker only, on the same database, then
 * scenario 1's Hookline run again, compared with scenario 1's one-worker figure.
 */
final class ScaleOut {

    private final Bench bench;

    ScaleOut(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        log("Scenario 5: starting a second Hookline worker on the same database");
        Hookline first = bench.hookline;
        Hookline second = bench.startWorker("hookline-2");
        Throughput throughput = new Throughput(bench);
        try {
            throughput.hookline(10, 100, "so-warm");
            for (int r : bench.settings.scaleOutReceivers()) {
                log("Scenario 5 at " + r + " receivers, two workers");
                double[] before = {first.deliveryAttempts(), second.deliveryAttempts()};
                Map<String, Object> two = throughput.hookline(r, bench.settings.changesFor(r), "so" + r);
                two.put("attempts_by_worker", List.of(first.deliveryAttempts() - before[0],
                        second.deliveryAttempts() - before[1]));
                Map<?, ?> oneRun = (Map<?, ?>) bench.results.get("s1_throughput_" + r);
                double one = oneRun == null ? Double.NaN : (double) ((Map<?, ?>) oneRun.get("hookline")).get("per_second");
                double both = (double) two.get("per_second");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("receivers", r);
                out.put("two_workers", two);
                out.put("one_worker_per_second", one);
                bench.results.put("s5_scale_out_" + r, out);
                bench.report.add("5 scale-out", r + " recv: deliveries/s, 2 workers vs 1", both, one, ratio(both, one),
                        ">= 1.6x", verdict(both >= 1.6 * one));
                bench.report.add("5 scale-out", r + " recv: attempts by worker; CPU busy %", two.get("attempts_by_worker")
                        + "; " + two.get("machine_cpu_busy_pct"), "", "", "", "");
                // The 2 cores are saturated either way: what shows that the work splits is its cost per event.
                double cpuTwo = machineCpuMsPerEvent(two);
                double cpuOne = oneRun == null ? Double.NaN : machineCpuMsPerEvent((Map<?, ?>) oneRun.get("hookline"));
                out.put("machine_cpu_ms_per_event", Map.of("two_workers", Stats.round(cpuTwo, 3),
                        "one_worker", Stats.round(cpuOne, 3)));
                bench.report.add("5 scale-out", r + " recv: machine CPU ms per delivered event, 2 workers vs 1",
                        Stats.round(cpuTwo, 3), Stats.round(cpuOne, 3), ratio(cpuTwo, cpuOne), "<= 1.15x",
                        verdict(cpuTwo <= 1.15 * cpuOne));
            }
        } finally {
            bench.stopWorker(second);
        }
    }

    /** The whole machine's CPU time (Hookline, PostgreSQL, receiver) per delivered event of one run. */
    private static double machineCpuMsPerEvent(Map<?, ?> run) {
        double busy = ((Number) run.get("machine_cpu_busy_pct")).doubleValue() / 100;
        return busy * Runtime.getRuntime().availableProcessors() * 1000 / ((Number) run.get("per_second")).doubleValue();
    }
}
