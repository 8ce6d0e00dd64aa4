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
     * Within {@code offer}'s room and never of its saturated receivers: for each ordered row of the
     * {@code finished} events, its earliest unfinished event (PER_ROW) or a run of them (ALL,
     * {@link ClaimStatements}), if that is due, free, not {@code held} by this process, and its
     * receiver and subscription are switched on. Rows another transaction is claiming are skipped,
     * not waited for.
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
                            select next.event_id, next.head_id, next.position
                            from rows
                            join webhook_receivers r on r.id = rows.receiver_id
                            cross join lateral (
                                -- PER_ROW: the row's earliest unfinished event, if it is due, free and not paused.
                                select first.event_id, first.event_id as head_id, 1 as position
                                from (select e.* from webhook_deliveries e
                                      where e.receiver_id = rows.receiver_id and e.row_key = rows.row_key
                                        and e.status in ('PENDING', 'RETRYING')
                                      order by e.event_id limit 1) first
                                where first.next_attempt_at <= :now
                                  and (first.leased_until is null or first.leased_until <= :now)
                                  and not (first.event_id = any (cast(:held as bigint[])))
                                  and not exists (select 1 from webhook_subscriptions s
                                                  where s.id = first.subscription_id and not s.active)
                            ) next
                            where rows.row_key <> '*'
                              and r.active and not r.relay and not (r.id = any (cast(:saturated as bigint[])))
                            union all
                            select run.event_id, run.head_id, run.position
                            from rows
                            join webhook_receivers r on r.id = rows.receiver_id
                            -- ALL: a run of the receiver's next events, sent one at a time.
                            cross join lateral (%s) run
                            where rows.row_key = '*'
                              and r.active and not r.relay and not (r.id = any (cast(:saturated as bigint[])))
                            limit :room
                        %s""".formatted(ClaimStatements.runOf("rows.receiver_id", "least(:perReceiver, r.max_concurrency * :rounds)"),
                        ClaimStatements.LOCK_AND_CLAIM))
                .param("finished", finished.toArray(Long[]::new))
                .param("saturated", offer.saturated())
                .param("held", held)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("room", offer.room())
                .param("perReceiver", offer.perReceiver()).param("rounds", DueEventClaimer.ROUNDS_AHEAD)
                .param("token", offer.token())
                .param("leaseUntil", offer.leaseUntil().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> ClaimedEvent.read(rs, offer.token()))
                .list();
    }
}
