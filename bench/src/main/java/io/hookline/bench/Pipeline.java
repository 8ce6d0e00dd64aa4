package io.hookline.bench;

import static io.hookline.bench.Jdbc.array;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

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

    long dueCount() throws SQLException {
        return queryLong("select count(*) from webhook_events where status in ('PENDING', 'RETRYING')");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
