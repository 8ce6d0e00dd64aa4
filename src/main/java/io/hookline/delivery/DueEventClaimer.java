package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims due events for this worker in one statement. A claim pushes the event's due time one
 * lease ahead and stamps a token: if this process dies, the event is simply due again when the
 * lease runs out, and only the holder of the token may record an outcome.
 */
@Repository
class DueEventClaimer {

    private final JdbcClient jdbc;

    DueEventClaimer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes up to {@code limit} due events, at most {@code perReceiver} of any one receiver, none of
     * the receivers in {@code saturated}, oldest due first. Receivers and subscriptions that are
     * switched off keep their events waiting. Rows another worker is claiming are skipped, not waited for.
     */
    List<ClaimedEvent> claim(Instant now, Duration lease, int limit, int perReceiver, Collection<Long> saturated) {
        UUID token = UUID.randomUUID();
        return jdbc.sql("""
                        with candidates as (
                            select due.id
                            from webhook_receivers r
                            cross join lateral (
                                select e.id, e.next_attempt_at from webhook_events e
                                where e.receiver_id = r.id and e.status in ('PENDING', 'RETRYING')
                                  and e.next_attempt_at <= :now
                                  and (e.subscription_id is null or exists (
                                      select 1 from webhook_subscriptions s where s.id = e.subscription_id and s.active))
                                order by e.next_attempt_at, e.id
                                limit :perReceiver
                            ) due
                            -- Relay receivers' events are pulled by their relay clients (RelayHandoff), never sent.
                            where r.active and not r.relay and not (r.id = any (cast(:saturated as bigint[])))
                            order by due.next_attempt_at
                            limit :limit
                        ), locked as (
                            -- An array of ids, not a semi-join: right after a bulk insert, stale statistics
                            -- could otherwise plan a scan of every due event here.
                            select e.id from webhook_events e
                            where e.id = any (array(select id from candidates))
                              and e.status in ('PENDING', 'RETRYING') and e.next_attempt_at <= :now
                            for update skip locked
                        )
                        update webhook_events e set next_attempt_at = :leaseUntil, claim_token = :token
                        from locked where e.id = locked.id
                        returning e.id, e.organization_id, e.receiver_id, e.body, e.attempt_count, e.next_trigger,
                                  e.occurred_at, e.test
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("leaseUntil", now.plus(lease).atOffset(ZoneOffset.UTC))
                .param("token", token)
                .param("limit", limit)
                .param("perReceiver", perReceiver)
                .param("saturated", saturated.toArray(Long[]::new))
                .query((rs, n) -> new ClaimedEvent(rs.getLong("id"), rs.getLong("organization_id"),
                        rs.getLong("receiver_id"), rs.getString("body"), rs.getInt("attempt_count"),
                        rs.getString("next_trigger"), rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getBoolean("test"), token))
                .list();
    }
}
