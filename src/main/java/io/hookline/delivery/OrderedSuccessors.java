package io.hookline.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import io.hookline.capture.Handoff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims the next event of each ordered row whose event just finished, in the transaction that
 * records it (docs/delivery-controls.md, "The next event goes out at once"): an ordered receiver's
 * next event can only go once the previous outcome is committed, and claiming it right there
 * spares a wake-up and a claim round-trip per event.
 */
@Repository
class OrderedSuccessors {

    private final JdbcClient jdbc;

    OrderedSuccessors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Within {@code offer}'s room and never of its saturated receivers: for each ordered row (ALL or
     * PER_ROW) of the {@code finished} events, its earliest unfinished event, if that is due, free,
     * not {@code held} by this process, and its receiver and subscription are switched on. Rows
     * another transaction is claiming are skipped, not waited for.
     */
    List<ClaimedEvent> claim(Collection<Long> finished, Handoff.Offer offer, Long[] held, Instant now) {
        if (finished.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with rows as (
                            select distinct d.receiver_id, d.row_key from webhook_deliveries d
                            where d.event_id = any (cast(:finished as bigint[])) and d.row_key is not null
                        ), candidates as (
                            select next.event_id
                            from rows
                            join webhook_receivers r on r.id = rows.receiver_id
                            cross join lateral (
                                select e.event_id, e.next_attempt_at, e.leased_until, e.subscription_id
                                from webhook_deliveries e
                                where e.receiver_id = rows.receiver_id and e.row_key = rows.row_key
                                  and e.status in ('PENDING', 'RETRYING')
                                order by e.event_id limit 1) next
                            where r.active and not r.relay and not (r.id = any (cast(:saturated as bigint[])))
                              and next.next_attempt_at <= :now
                              and (next.leased_until is null or next.leased_until <= :now)
                              and not (next.event_id = any (cast(:held as bigint[])))
                              and not exists (select 1 from webhook_subscriptions s
                                              where s.id = next.subscription_id and not s.active)
                            limit :room
                        ), locked as (
                            select d.event_id from webhook_deliveries d join candidates c on c.event_id = d.event_id
                            where d.status in ('PENDING', 'RETRYING')
                              and (d.leased_until is null or d.leased_until <= :now)
                            for update of d skip locked
                        ), claimed as (
                            update webhook_deliveries d set claim_token = :token, leased_until = :leaseUntil
                            from locked where d.event_id = locked.event_id
                            returning d.event_id, d.receiver_id, d.attempt_count, d.next_trigger
                        )
                        select c.event_id as id, p.organization_id, c.receiver_id, p.body, c.attempt_count,
                               c.next_trigger, p.occurred_at, p.test
                        from claimed c join webhook_event_payloads p on p.id = c.event_id
                        """)
                .param("finished", finished.toArray(Long[]::new))
                .param("saturated", offer.saturated())
                .param("held", held)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("room", offer.room())
                .param("token", offer.token())
                .param("leaseUntil", offer.leaseUntil().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> ClaimedEvent.read(rs, offer.token()))
                .list();
    }
}
