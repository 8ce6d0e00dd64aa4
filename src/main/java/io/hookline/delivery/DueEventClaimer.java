package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Claims due events for this worker in one statement. A claim stamps a token and a short lease
 * on the narrow delivery row, renewed while the worker still works on the event: if this process
 * dies, the event is due again when the lease runs out, and only the holder of the token may
 * record an outcome.
 */
@Repository
class DueEventClaimer {

    /** The most rounds of a receiver's {@code maxConcurrency} claimed ahead. */
    static final int ROUNDS_AHEAD = 4;

    private final JdbcClient jdbc;

    DueEventClaimer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes up to {@code limit} due events, at most {@code perReceiver} of any one receiver, none of
     * the receivers in {@code saturated}, oldest due first. Receivers and subscriptions that are
     * switched off keep their events waiting. Rows another worker is claiming are skipped, not waited for.
     * Of an {@code ALL} receiver, a run of its earliest events ({@link ClaimStatements}).
     */
    List<ClaimedEvent> claim(UUID token, Instant now, Duration lease, int limit, int perReceiver,
                             Collection<Long> saturated, Long[] held) {
        return jdbc.sql("""
                        with candidates as (
                            select due.event_id, due.head_id, due.position
                            from webhook_receivers r
                            cross join lateral (
                                (select d.event_id, d.next_attempt_at, d.event_id as head_id, 1 as position
                                 from webhook_deliveries d
                                 where d.receiver_id = r.id and d.status in ('PENDING', 'RETRYING')
                                   and d.next_attempt_at <= :now
                                   and (d.leased_until is null or d.leased_until <= :now)
                                   and not (d.event_id = any (cast(:held as bigint[])))
                                   and not exists (select 1 from webhook_subscriptions s
                                                   where s.id = d.subscription_id and not s.active)
                                   -- PER_ROW: only the row's earliest unfinished event (docs/delivery-controls.md).
                                   and (d.row_key is null
                                        or d.row_key <> '*' and not exists (
                                            select 1 from webhook_deliveries e
                                            where e.receiver_id = d.receiver_id and e.row_key = d.row_key
                                              and e.event_id < d.event_id and e.status in ('PENDING', 'RETRYING')))
                                 order by d.next_attempt_at, d.event_id
                                 -- A few rounds of the receiver's own cap, within this process's.
                                 limit least(:perReceiver, r.max_concurrency * :rounds))
                                union all
                                -- ALL: a run of the receiver's earliest unfinished events, sent one at a time.
                                (%s)
                            ) due
                            -- Relay receivers' events are pulled by their relay clients (RelayHandoff), never sent.
                            where r.active and not r.relay and not (r.id = any (cast(:saturated as bigint[])))
                            order by due.next_attempt_at
                            limit :limit
                        %s""".formatted(ClaimStatements.runOf("r.id", "least(:perReceiver, r.max_concurrency * :rounds)"),
                        ClaimStatements.LOCK_AND_CLAIM))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("leaseUntil", now.plus(lease).atOffset(ZoneOffset.UTC))
                .param("token", token)
                .param("limit", limit)
                .param("perReceiver", perReceiver).param("rounds", ROUNDS_AHEAD)
                .param("saturated", saturated.toArray(Long[]::new))
                .param("held", held)
                .query((rs, n) -> ClaimedEvent.read(rs, token))
                .list();
    }

    /** Pushes the leases of claims still held here ahead; returns how many were still ours. */
    int renew(List<HeldClaims.Held> claims, Instant leaseUntil) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update webhook_deliveries d set leased_until = :leaseUntil
                        from unnest(cast(:ids as bigint[]), cast(:tokens as uuid[])) as held(id, token)
                        where d.event_id = held.id and d.claim_token = held.token
                        """)
                .param("leaseUntil", leaseUntil.atOffset(ZoneOffset.UTC))
                .param("ids", claims.stream().map(HeldClaims.Held::eventId).toArray(Long[]::new))
                .param("tokens", claims.stream().map(h -> h.token().toString()).toArray(String[]::new))
                .update();
    }

    /** Gives claims back unsent: the events are due again at once, for any worker. */
    int release(List<HeldClaims.Held> claims) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update webhook_deliveries d set claim_token = null, leased_until = null
                        from unnest(cast(:ids as bigint[]), cast(:tokens as uuid[])) as held(id, token)
                        where d.event_id = held.id and d.claim_token = held.token
                        """)
                .param("ids", claims.stream().map(HeldClaims.Held::eventId).toArray(Long[]::new))
                .param("tokens", claims.stream().map(h -> h.token().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * Gives back whatever a claim whose answer never arrived took (the statement may have committed
     * before the connection broke). Rare, so it may read every due delivery.
     */
    int releaseToken(UUID token) {
        return jdbc.sql("""
                        update webhook_deliveries set claim_token = null, leased_until = null
                        where claim_token = :token and status in ('PENDING', 'RETRYING')
                        """)
                .param("token", token).update();
    }
}
