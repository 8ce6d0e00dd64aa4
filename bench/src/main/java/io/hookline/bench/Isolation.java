package io.hookline.bench;

import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3, isolation: healthy receivers' latency alone, then with a hanging and a failing receiver
 * subscribed too, compared with both that and scenario 2.
 */
final class Isolation {

    private final Bench bench;

    Isolation(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int rate = bench.settings.isolationRate();
        double seconds = bench.settings.isolationSeconds();
        Latency latency = new Latency(bench);
        // The rate is in changes/s fanned out to 10 healthy receivers: 20 changes/s make the same 200
        // deliveries/s to healthy receivers as scenario 2's 200 changes/s to one.
        log("Scenario 3: 10 healthy receivers alone at " + rate + " changes/s");
        Map<String, Object> alone = latency.measure("iso-alone", rate, seconds, 10, false);
        log("Scenario 3: 10 healthy + 1 hanging + 1 failing at " + rate + " changes/s");
        Map<String, Object> mixed = latency.measure("iso-mixed", rate, seconds, 10, true);
        bench.activate(0, false);
        bench.pipeline.cancelQueued(List.of(bench.hangingId, bench.failingId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthy_alone", alone);
        out.put("healthy_with_bad_receivers", mixed);
        bench.results.put("s3_isolation", out);
        double p99 = (double) mixed.get("p99_ms");
        Object s2 = bench.results.get("s2_latency_" + rate * 10);
        if (s2 instanceof Map<?, ?> m && m.get("p99_ms") instanceof Double s2p99) {
            bench.report.add("3 isolation", rate + " changes/s x 10 healthy: p99 ms with hang+500 vs scenario 2 at "
                    + rate * 10 + "/s", p99, s2p99,
                    ratio(p99, s2p99), "<= 1.5x", verdict(p99 <= 1.5 * s2p99));
        }
        double aloneP99 = (double) alone.get("p99_ms");
        bench.report.add("3 isolation", rate + " changes/s x 10 healthy: p99 ms with hang+500 vs the 10 alone", p99,
                aloneP99, ratio(p99, aloneP99),
                "(<= 1.5x)", verdict(p99 <= 1.5 * aloneP99));
    }
}
