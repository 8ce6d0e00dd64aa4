package io.hookline.bench;

import static io.hookline.bench.Bench.log;
import static io.hookline.bench.Bench.ratio;
import static io.hookline.bench.Bench.verdict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7a: {@code PER_ROW} against {@code NONE} on the same receiver, over the same number of
 * updates spread over 100 existing runs; and whether each run's events arrived in change order.
 */
final class PerRowOrdering {

    static final int PORT = 0;
    private static final int ROWS = 100;

    private final ControlsRun run;
    private final Bench bench;

    PerRowOrdering(ControlsRun run) {
        this.run = run;
        this.bench = run.bench();
    }

    /** 7a: {@code rounds} updates of each of 100 runs, under NONE and then PER_ROW. */
    Map<String, Object> measure(long id, int rounds) throws Exception {
        // Subscribed to updates only: the inserts send nothing.
        bench.pipeline.activateOnly(List.of(id), run.everyReceiver());
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
        run.receiver().drain();
        long after = bench.pipeline.maxEventId();
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
        return run.timed(prefix, after, events, start, PORT, 300);
    }
}
