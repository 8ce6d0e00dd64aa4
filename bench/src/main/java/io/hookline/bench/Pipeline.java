package io.hookline.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** What the harness reads and switches in Hookline's database. */
final class Pipeline {

    private final DataSource db;

    Pipeline(DataSource db) {
        this.db = db;
    }

    long organizationId() throws SQLException {
        return queryLong("select min(id) from organizations");
    }

    long maxEventId() throws SQLException {
        return queryLong("select coalesce(max(id), 0) from webhook_events");
    }

    long succeededAfter(long eventId) throws SQLException {
        return queryLong("select count(*) from webhook_events where id > " + eventId + " and status = 'SUCCEEDED'");
    }

    /** Only these receivers' subscriptions are active among {@code all} (the bench's own receivers). */
    void activateOnly(Collection<Long> active, Collection<Long> all) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update webhook_subscriptions set active = (receiver_id = any (?)) where receiver_id = any (?)")) {
            s.setArray(1, array(c, active));
            s.setArray(2, array(c, all));
            s.executeUpdate();
        }
    }

    /** Switches receivers on or off (their queued events wait while off). */
    void setReceiversActive(Collection<Long> receivers, boolean active) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update webhook_receivers set active = ? where id = any (?)")) {
            s.setBoolean(1, active);
            s.setArray(2, array(c, receivers));
            s.executeUpdate();
        }
    }

    /** Cancels what is still queued for these receivers, dropping claims so in-flight sends record nothing. */
    void cancelQueued(Collection<Long> receivers) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                update webhook_deliveries set status = 'CANCELED', completed_at = now(), claim_token = null,
                    leased_until = null
                where receiver_id = any (?) and status in ('PENDING', 'RETRYING')""")) {
            s.setArray(1, array(c, receivers));
            s.executeUpdate();
        }
    }

    /** Polls until {@code expected} events after {@code afterId} succeeded; returns the count reached. */
    long awaitSucceeded(long afterId, long expected, long deadlineNanos) throws Exception {
        long done = 0;
        while (System.nanoTime() < deadlineNanos) {
            done = succeededAfter(afterId);
            if (done >= expected) {
                return done;
            }
            Thread.sleep(expected > 20_000 ? 250 : 50);
        }
        return done;
    }

    String firstBody(long afterId) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select body from webhook_events where id > " + afterId
                     + " order by id limit 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Puts {@code count} events due now straight into the event tables with one INSERT … SELECT per
     * 100,000, spread round-robin over the given receivers, each body a real one with the title replaced.
     * Due times are a microsecond apart, oldest first, as in a backlog that built up over time (events
     * sharing one due time, as after a bulk replay, make the claim sort every tie: see the README).
     */
    void insertBacklog(int count, List<Long> receivers, List<Long> subscriptions, long organizationId,
                       String template, String templateTitle) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                with payload as (
                    insert into webhook_event_payloads (organization_id, subscription_id, receiver_id, resource, action,
                                                        transaction_id, body, occurred_at, created_at)
                    select ?, (?::bigint[])[g % ? + 1], (?::bigint[])[g % ? + 1], 'RUNS', 'CREATE', g,
                           replace(?, ?, '"backlog-' || g || '"'), now(), now()
                    from generate_series(?, ?) g
                    returning id, receiver_id, subscription_id, transaction_id)
                insert into webhook_deliveries (event_id, receiver_id, subscription_id, next_attempt_at)
                select id, receiver_id, subscription_id, now() - (? - transaction_id) * interval '1 microsecond'
                from payload""")) {
            for (int from = 0; from < count; from += 100_000) {
                s.setLong(1, organizationId);
                s.setArray(2, array(c, subscriptions));
                s.setInt(3, subscriptions.size());
                s.setArray(4, array(c, receivers));
                s.setInt(5, receivers.size());
                s.setString(6, template);
                s.setString(7, "\"" + templateTitle + "\"");
                s.setInt(8, from);
                s.setInt(9, Math.min(count, from + 100_000) - 1);
                s.setInt(10, count);
                s.executeUpdate();
            }
        }
    }

    List<Long> subscriptionsOf(List<Long> receivers) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id from webhook_subscriptions where receiver_id = ? order by id limit 1")) {
            for (long r : receivers) {
                s.setLong(1, r);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * EXPLAIN ANALYZE of the claim statement of DueEventClaimer (copied here with its parameters bound
     * to Hookline's defaults: 200 events, 8 per receiver, no saturated receivers), in a transaction
     * that is rolled back. Returns the execution time in ms and the plan.
     */
    Object[] explainClaim() throws SQLException {
        return explainClaim(List.of(), 120_000);
    }

    /**
     * The same, first switching {@code activate} receivers on inside the rolled-back transaction (so the
     * plan sees them active while Hookline does not), and giving up after {@code timeoutMs} (NaN then).
     */
    Object[] explainClaim(List<Long> activate, int timeoutMs) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            if (!activate.isEmpty()) {
                try (PreparedStatement on = c.prepareStatement(
                        "update webhook_receivers set active = true where id = any (?)")) {
                    on.setArray(1, array(c, activate));
                    on.executeUpdate();
                }
            }
            try (Statement timeout = c.createStatement()) {
                timeout.execute("set local statement_timeout = " + timeoutMs);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    explain (analyze, buffers)
                    with candidates as (
                        select due.event_id
                        from webhook_receivers r
                        cross join lateral (
                            select d.event_id, d.next_attempt_at from webhook_deliveries d
                            where d.receiver_id = r.id and d.status in ('PENDING', 'RETRYING')
                              and d.next_attempt_at <= now()
                              and (d.leased_until is null or d.leased_until <= now())
                              and not exists (select 1 from webhook_subscriptions s
                                              where s.id = d.subscription_id and not s.active)
                            order by d.next_attempt_at, d.event_id
                            limit 8
                        ) due
                        where r.active and not (r.id = any (cast('{}' as bigint[])))
                        order by due.next_attempt_at
                        limit 200
                    ), locked as (
                        select d.event_id from webhook_deliveries d
                        where d.event_id = any (array(select event_id from candidates))
                          and d.status in ('PENDING', 'RETRYING') and d.next_attempt_at <= now()
                          and (d.leased_until is null or d.leased_until <= now())
                        for update skip locked
                    ), claimed as (
                        update webhook_deliveries d set claim_token = gen_random_uuid(),
                                                        leased_until = now() + interval '30 seconds'
                        from locked where d.event_id = locked.event_id
                        returning d.event_id, d.receiver_id, d.attempt_count, d.next_trigger
                    )
                    select c.event_id as id, p.organization_id, c.receiver_id, p.body, c.attempt_count,
                           c.next_trigger, p.occurred_at, p.test
                    from claimed c join webhook_event_payloads p on p.id = c.event_id""")) {
                StringBuilder plan = new StringBuilder();
                double ms = Double.NaN;
                while (rs.next()) {
                    String line = rs.getString(1);
                    plan.append(line).append('\n');
                    if (line.startsWith("Execution Time:")) {
                        ms = Double.parseDouble(line.replaceAll("[^0-9.]", ""));
                    }
                }
                return new Object[] {ms, plan.toString()};
            } catch (SQLException e) {
                if ("57014".equals(e.getSQLState())) { // canceled by statement_timeout
                    return new Object[] {Double.NaN, "gave up after " + timeoutMs + " ms"};
                }
                throw e;
            } finally {
                c.rollback();
            }
        }
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

    /**
     * Scenario 6: ages the events after {@code afterId} past a 30-day retention (setup, not measured),
     * then prunes them with the statement of Hookline's RetentionPruner (copied here), in its slices
     * of 5,000. Returns the events pruned, the seconds it took and the WAL bytes it wrote.
     */
    long[] pruneAged(long afterId) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update webhook_event_payloads set created_at = created_at - interval '40 days' where id > "
                    + afterId);
            s.executeUpdate("update webhook_deliveries set completed_at = completed_at - interval '40 days' "
                    + "where completed_at is not null and event_id > " + afterId);
            s.execute("checkpoint");
        }
        long[] before = counters();
        long start = System.nanoTime();
        long pruned = 0;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                with chosen as (
                    select p.id from webhook_event_payloads p
                    join webhook_deliveries d on d.event_id = p.id
                    where p.created_at < now() - interval '30 days' and d.completed_at < now() - interval '30 days'
                    limit 5000),
                deliveries as (
                    delete from webhook_deliveries d using chosen
                    where d.event_id = chosen.id and d.completed_at < now() - interval '30 days'
                    returning d.event_id),
                attempts as (
                    delete from webhook_attempts a using deliveries where a.event_id = deliveries.event_id),
                relay_requests as (
                    delete from webhook_relay_requests r using deliveries where r.event_id = deliveries.event_id)
                delete from webhook_event_payloads p using deliveries where p.id = deliveries.event_id""")) {
            int deleted;
            do {
                deleted = s.executeUpdate();
                pruned += deleted;
            } while (deleted == 5000);
        }
        long nanos = System.nanoTime() - start;
        long[] after = counters();
        return new long[] {pruned, nanos, after[1] - before[1]};
    }

    void analyzeEvents() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze webhook_event_payloads");
            s.execute("analyze webhook_deliveries");
        }
    }

    long dueCount() throws SQLException {
        return queryLong("select count(*) from webhook_events where status in ('PENDING', 'RETRYING')");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Array array(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray());
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
