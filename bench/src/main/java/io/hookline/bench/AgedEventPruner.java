package io.hookline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import javax.sql.DataSource;

/** The retention step: events aged past retention, then pruned as Hookline's RetentionPruner does. */
final class AgedEventPruner {

    private final DataSource db;
    private final DatabaseCost cost;

    AgedEventPruner(DataSource db, DatabaseCost cost) {
        this.db = db;
        this.cost = cost;
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
        long[] before = cost.counters();
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
        long[] after = cost.counters();
        return new long[] {pruned, nanos, after[1] - before[1]};
    }
}
