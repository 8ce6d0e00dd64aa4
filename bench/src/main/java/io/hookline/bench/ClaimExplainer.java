package io.hookline.bench;

import static io.hookline.bench.Jdbc.array;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

/** What Hookline's claim statement costs on the database as it is now, read with EXPLAIN ANALYZE. */
final class ClaimExplainer {

    private final DataSource db;

    ClaimExplainer(DataSource db) {
        this.db = db;
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
}
