package io.hookline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The receivers' shares across processes (docs/delivery-controls.md): send slots leased per process,
 * so the requests in flight to a receiver stay within its {@code maxConcurrency} whichever processes
 * send them, and a token bucket per rate-capped receiver. Times are the database's, the one clock
 * every process shares.
 */
@Repository
class ReceiverLeases {

    private final JdbcClient jdbc;

    ReceiverLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A slot held, and whether another process asked for one of this receiver's slots lately. */
    record Slot(long receiverId, int slot, boolean wanted) {
    }

    /**
     * Leases up to {@code want} free slots of the receiver (free: no holder, or its lease ran out)
     * below its {@code max_concurrency}, in one statement: slot rows the cap lacks (a new receiver, a
     * raised cap) are made already leased; none free even so: marks the receiver's slots wanted, so
     * their holders give some back after their hold time.
     */
    List<Integer> acquire(long receiverId, UUID holder, int want, Duration lease) {
        return jdbc.sql("""
                        with free as (
                            select s.receiver_id, s.slot from receiver_send_slots s
                            join webhook_receivers r on r.id = s.receiver_id
                            where s.receiver_id = :r and s.slot < r.max_concurrency
                              and (s.holder is null or s.leased_until <= clock_timestamp())
                            order by s.slot limit :want
                            for update of s skip locked
                        ), leased as (
                            update receiver_send_slots s set holder = :holder,
                                leased_until = clock_timestamp() + cast(:lease as interval), wanted_until = null
                            from free where s.receiver_id = free.receiver_id and s.slot = free.slot
                            returning s.slot
                        ), made as (
                            -- Only when the free rows fell short; the cap's last row tells whether any is missing.
                            insert into receiver_send_slots (receiver_id, slot, holder, leased_until)
                            select r.id, g, :holder, clock_timestamp() + cast(:lease as interval)
                            from webhook_receivers r cross join generate_series(0, r.max_concurrency - 1) g
                            where r.id = :r and (select count(*) from free) < :want
                              and not exists (select 1 from receiver_send_slots s
                                              where s.receiver_id = r.id and s.slot = r.max_concurrency - 1)
                              and not exists (select 1 from receiver_send_slots s where s.receiver_id = r.id and s.slot = g)
                            order by g limit :want - (select count(*) from free)
                            on conflict do nothing
                            returning slot
                        ), wanted as (
                            update receiver_send_slots set wanted_until = clock_timestamp() + interval '2 seconds'
                            where receiver_id = :r and holder is not null and holder <> :holder
                              and leased_until > clock_timestamp()
                              and not exists (select 1 from free) and not exists (select 1 from made)
                        )
                        select slot from leased union all select slot from made
                        """)
                .param("r", receiverId).param("want", want).param("holder", holder)
                .param("lease", lease.toMillis() + " milliseconds")
                .query(Integer.class).list();
    }

    /**
     * Pushes the given slots of this holder ahead and returns those still its own; a slot above a
     * lowered cap is not renewed.
     */
    List<Slot> renew(UUID holder, Long[] receiverIds, Integer[] slots, Duration lease) {
        if (slots.length == 0) {
            return List.of();
        }
        return jdbc.sql("""
                        update receiver_send_slots s set leased_until = clock_timestamp() + cast(:lease as interval)
                        from unnest(cast(:receivers as bigint[]), cast(:slots as int[])) as mine(receiver_id, slot),
                             webhook_receivers r
                        where s.receiver_id = mine.receiver_id and s.slot = mine.slot and s.holder = :holder
                          and r.id = s.receiver_id and s.slot < r.max_concurrency
                        returning s.receiver_id, s.slot, coalesce(s.wanted_until > clock_timestamp(), false) as wanted
                        """)
                .param("holder", holder).param("lease", lease.toMillis() + " milliseconds")
                .param("receivers", receiverIds).param("slots", slots)
                .query((rs, n) -> new Slot(rs.getLong("receiver_id"), rs.getInt("slot"), rs.getBoolean("wanted")))
                .list();
    }

    void release(long receiverId, UUID holder, List<Integer> slots) {
        if (slots.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update receiver_send_slots set holder = null, leased_until = null
                        where receiver_id = :r and holder = :holder and slot = any (cast(:slots as int[]))
                        """)
                .param("r", receiverId).param("holder", holder).param("slots", slots.toArray(Integer[]::new))
                .update();
    }

    void releaseAll(UUID holder) {
        jdbc.sql("update receiver_send_slots set holder = null, leased_until = null where holder = :holder")
                .param("holder", holder).update();
    }

    /**
     * Takes up to {@code want} whole tokens of the receiver's bucket, refilled at {@code rate} per second
     * up to {@code burst}, in one short statement; 0 when the bucket is empty.
     */
    int takeTokens(long receiverId, double rate, double burst, int want) {
        return jdbc.sql("""
                        insert into receiver_rate_buckets as b (receiver_id, tokens, refilled_at, last_taken)
                        values (:r, :burst - least(floor(:burst), :want), clock_timestamp(), least(floor(:burst), :want))
                        on conflict (receiver_id) do update set
                            last_taken = least(floor(least(:burst, b.tokens + :rate
                                * extract(epoch from clock_timestamp() - b.refilled_at))), :want),
                            tokens = least(:burst, b.tokens + :rate * extract(epoch from clock_timestamp() - b.refilled_at))
                                - least(floor(least(:burst, b.tokens + :rate
                                    * extract(epoch from clock_timestamp() - b.refilled_at))), :want),
                            refilled_at = clock_timestamp()
                        returning last_taken
                        """)
                .param("r", receiverId).param("rate", rate).param("burst", burst).param("want", want)
                .query(Integer.class).single();
    }
}
