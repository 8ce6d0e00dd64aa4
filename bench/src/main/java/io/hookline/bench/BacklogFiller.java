package io.hookline.bench;

import static io.hookline.bench.Jdbc.array;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Scenario 4's setup: a backlog written straight into the event tables, then their statistics brought up to date. */
final class BacklogFiller {

    private final DataSource db;

    BacklogFiller(DataSource db) {
        this.db = db;
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

    void analyzeEvents() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze webhook_event_payloads");
            s.execute("analyze webhook_deliveries");
        }
    }
}
