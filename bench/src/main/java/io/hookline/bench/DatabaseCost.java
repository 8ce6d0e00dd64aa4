package io.hookline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import javax.sql.DataSource;

/** What work costs the database: the latency of one commit, and transactions and WAL written per event. */
final class DatabaseCost {

    private final DataSource db;

    DatabaseCost(DataSource db) {
        this.db = db;
    }

    /**
     * Latency of a one-row INSERT committed on its own, {@code n} times: what every transaction that
     * commits pays on this disk with fsync on (a floor under any per-event transaction).
     */
    Map<String, Object> commitLatency(int n) throws SQLException {
        long[] nanos = new long[n];
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_commit_probe (id bigint generated always as identity, at timestamptz)");
            try (PreparedStatement insert = c.prepareStatement("insert into bench_commit_probe (at) values (now())")) {
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    nanos[i] = System.nanoTime() - start;
                }
            }
            s.execute("drop table bench_commit_probe");
        }
        return Stats.percentiles(nanos);
    }

    /**
     * Database-wide committed transactions and WAL position (bytes): read before and after a run, they
     * give the transactions and WAL written per delivery. The statistics are flushed about once a second,
     * so a reading waits a moment first; the harness's own polling adds a few read-only commits.
     */
    long[] counters() throws Exception {
        Thread.sleep(1200);
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                select (select xact_commit from pg_stat_database where datname = current_database()),
                       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Transactions and WAL bytes per event between two {@link #counters()} readings. */
    static void putPerEvent(Map<String, Object> out, long[] before, long[] after, long events) {
        if (events > 0) {
            out.put("commits_per_event", Stats.round((after[0] - before[0]) / (double) events, 2));
            out.put("wal_bytes_per_event", (after[1] - before[1]) / events);
        }
    }
}
