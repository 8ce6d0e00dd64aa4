package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A relay receiver's due events claimed for its relay clients, within its delivery controls
 * (docs/delivery-controls.md, "Relay receivers").
 */
@Repository
class RelayClaims {

    /** Namespace of the advisory lock that takes one relay receiver's claims one at a time. */
    private static final int CLAIM_LOCK = 7245003;
    /**
     * How many rounds of its {@code maxConcurrency} a relay receiver's clients may hold unanswered:
     * pulled ahead, they have the next events at hand when a forward ends (docs/relay.md).
     */
    static final int ROUNDS_AHEAD = 8;

    private final JdbcClient jdbc;
    private final ReceiverLeases leases;

    RelayClaims(JdbcClient jdbc, ReceiverLeases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
    }

    /**
     * Claims up to {@code limit} due events, fewer when {@link #ROUNDS_AHEAD} rounds of the receiver's
     * {@code maxConcurrency} are taken up by events handed out and not answered yet: its clients forward
     * only their share of the cap at once (docs/relay.md). Must run in the transaction that remembers
     * what it hands out: claims of one receiver wait for each other, so each counts the others' events.
     */
    List<ClaimedEvent> claim(long receiverId, int limit, Instant now, Duration lease) {
        // With the lock, the answer to the poll stops waiting for this commit to reach the disk: a claim
        // lost to a database crash only leaves its events due again (at least once, as after any crash).
        jdbc.sql("""
                        select pg_advisory_xact_lock(:namespace, cast(:r % 2147483647 as int)),
                               set_config('synchronous_commit', 'off', true)
                        """)
                .param("namespace", CLAIM_LOCK).param("r", receiverId).query().singleRow();
        UUID token = UUID.randomUUID();
        return jdbc.sql("""
                        with unanswered as (
                            -- Handed out, lease still running, not answered yet: the relay's sends in flight.
                            select count(*) as n from webhook_relay_requests q
                            join webhook_deliveries d on d.event_id = q.event_id and d.claim_token = q.claim_token
                            where d.receiver_id = :receiver and d.leased_until > :now
                              and d.status in ('PENDING', 'RETRYING')
                        ), locked as (
                            select d.event_id from webhook_deliveries d
                            join webhook_receivers r on r.id = d.receiver_id
                            where d.receiver_id = :receiver and r.active and r.relay
                              and d.status in ('PENDING', 'RETRYING') and d.next_attempt_at <= :now
                              and (d.leased_until is null or d.leased_until <= :now)
                              and not exists (select 1 from webhook_subscriptions s
                                              where s.id = d.subscription_id and not s.active)
                              -- Ordering holds for relay receivers too (docs/delivery-controls.md).
                              and (d.row_key is null
                                   or not exists (select 1 from webhook_deliveries e
                                                  where e.receiver_id = d.receiver_id and e.row_key = d.row_key
                                                    and e.event_id < d.event_id
                                                    and e.status in ('PENDING', 'RETRYING')))
                            order by d.next_attempt_at, d.event_id
                            limit (select greatest(0, least(:limit, r.max_concurrency * :rounds - unanswered.n))
                                   from webhook_receivers r, unanswered where r.id = :receiver)
                            for update of d skip locked
                        ), claimed as (
                            update webhook_deliveries d set claim_token = :token, leased_until = :leaseUntil
                            from locked where d.event_id = locked.event_id
                            returning d.event_id, d.receiver_id, d.attempt_count, d.next_trigger, d.claim_token, d.row_key
                        )
                        select c.event_id as id, p.organization_id, c.receiver_id, p.body, c.attempt_count,
                               c.next_trigger, p.occurred_at, p.test, c.claim_token, c.row_key
                        from claimed c join webhook_event_payloads p on p.id = c.event_id
                        """)
                .param("receiver", receiverId).param("now", now.atOffset(ZoneOffset.UTC))
                .param("leaseUntil", now.plus(lease).atOffset(ZoneOffset.UTC)).param("token", token)
                .param("limit", limit).param("rounds", ROUNDS_AHEAD)
                .query((rs, n) -> ClaimedEvent.read(rs, token))
                .list();
    }

    /**
     * Up to {@code want} tokens of a rate-capped receiver's bucket; when it is empty, waits about one
     * token's time (5 to 100 ms) and asks once more. Tokens taken and not used are not given back: the
     * rate is a cap, never exceeded.
     */
    int tokens(long receiverId, double rate, int want) throws InterruptedException {
        int got = leases.takeTokens(receiverId, rate, RateShare.chunk(rate), want);
        if (got == 0) {
            Thread.sleep(Duration.ofNanos(Math.clamp((long) (1e9 / rate), 5_000_000L, 100_000_000L)));
            got = leases.takeTokens(receiverId, rate, RateShare.chunk(rate), want);
        }
        return got;
    }
}
