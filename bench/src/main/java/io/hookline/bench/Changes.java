package io.hookline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

/**
 * Makes changes the way users do: SQL writes to the webhookable {@code runs} table, each committed
 * by the client. The commit time of each change is taken on this side right after COMMIT returns,
 * keyed by the run's title, which the receiver reads back from the body's {@code data.title}.
 */
final class Changes {

    private final DataSource db;
    private final long organizationId;

    Changes(DataSource db, long organizationId) {
        this.db = db;
        this.organizationId = organizationId;
    }

    long organizationId() {
        return organizationId;
    }

    /** {@code count} runs titled {@code prefix-0…}, {@code perTransaction} rows per INSERT and commit. */
    Map<String, Long> insertInBatches(String prefix, int count, int perTransaction) throws SQLException {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into runs (organization_id, title)
                     select ?, ? || '-' || g from generate_series(?, ?) g
                     """)) {
            c.setAutoCommit(false);
            for (int from = 0; from < count; from += perTransaction) {
                int to = Math.min(count, from + perTransaction) - 1;
                insert.setLong(1, organizationId);
                insert.setString(2, prefix);
                insert.setInt(3, from);
                insert.setInt(4, to);
                insert.executeUpdate();
                c.commit();
                long now = System.nanoTime();
                for (int i = from; i <= to; i++) {
                    committed.put(prefix + "-" + i, now);
                }
            }
        }
        return committed;
    }

    /**
     * One run per transaction at a fixed rate for {@code seconds}, open loop: change {@code i} is due at
     * {@code start + i / rate} whatever happened to earlier ones, spread over {@code connections} writers.
     */
    Map<String, Long> insertAtRate(String prefix, int rate, double seconds, int connections) throws Exception {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        int total = (int) Math.round(rate * seconds);
        long start = System.nanoTime() + 50_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        List<Thread> writers = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < connections; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().name("bench-writer-" + w).start(() -> {
                try (Connection c = db.getConnection();
                     PreparedStatement insert = c.prepareStatement(
                             "insert into runs (organization_id, title) values (?, ?)")) {
                    c.setAutoCommit(true);
                    for (int i = writer; i < total; i += connections) {
                        long due = start + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        String title = prefix + "-" + i;
                        insert.setLong(1, organizationId);
                        insert.setString(2, title);
                        insert.executeUpdate();
                        committed.put(title, System.nanoTime());
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return committed;
    }
}
