package io.hookline.delivery;

/**
 * The parts that the claim ({@link DueEventClaimer}) and the claim of ordered successors
 * ({@link OrderedSuccessors}) share, so that both take events by one rule.
 *
 * <p>A candidate is {@code (event_id, head_id, position)}: an event on its own is its own head at
 * position 1; under {@code ALL} a receiver's earliest unfinished events are taken as a run, the
 * earliest being the head, and sent one after the other (docs/delivery-controls.md, "A run at a time").
 */
final class ClaimStatements {

    private ClaimStatements() {
    }

    /**
     * The run of a receiver's {@code ALL} events: its earliest unfinished ones, at most {@code limit},
     * as far as each is due, free, not in {@code :held} and of an active subscription without a
     * break, with their head and position. Reads {@code :now} and {@code :held}.
     */
    static String runOf(String receiverId, String limit) {
        return """
                select run.event_id, run.next_attempt_at, run.head_id, run.position
                from (select e.event_id, e.next_attempt_at,
                             first_value(e.event_id) over w as head_id, row_number() over w as position,
                             bool_and(e.free) over w as free_so_far
                      from (select e.event_id, e.next_attempt_at,
                                   e.next_attempt_at <= :now and (e.leased_until is null or e.leased_until <= :now)
                                   and not (e.event_id = any (cast(:held as bigint[])))
                                   and not exists (select 1 from webhook_subscriptions s
                                                   where s.id = e.subscription_id and not s.active) as free
                            from webhook_deliveries e
                            where e.receiver_id = %s and e.row_key = '*' and e.status in ('PENDING', 'RETRYING')
                            order by e.event_id limit %s) e
                      window w as (order by e.event_id)) run
                where run.free_so_far
                """.formatted(receiverId, limit);
    }

    /**
     * Follows a {@code candidates} CTE: locks each candidate by its key, claims each run only as far
     * as it was locked without a break from its head, and returns the claimed events as
     * {@link ClaimedEvent#read} reads them. Reads {@code :now}, {@code :token} and {@code :leaseUntil}.
     */
    static final String LOCK_AND_CLAIM = """
            ), picked as (
                select array_agg(event_id) as ids, array_agg(head_id) as heads, array_agg(position) as positions
                from candidates
            ), locked as (
                -- Each candidate looked up by its key. Right after a bulk insert the statistics still say
                -- "almost nothing is due", and a due-status test the partial index webhook_deliveries_due
                -- matches made the planner scan every due event here (40 ms at 50,000 due): the status is
                -- tested as "none of the finished ones", which is the same (the table's check constraint)
                -- but matches no partial index.
                select d.event_id, candidate.head_id, candidate.position
                from picked
                cross join lateral unnest(picked.ids, picked.heads, picked.positions)
                    as candidate(event_id, head_id, position)
                join webhook_deliveries d on d.event_id = candidate.event_id
                where d.status not in ('SUCCEEDED', 'FAILED', 'CANCELED') and d.next_attempt_at <= :now
                  and (d.leased_until is null or d.leased_until <= :now)
                for update of d skip locked
            ), unbroken as (
                -- A run goes out in order, so it is claimed only up to its first event that another claim
                -- holds or a limit left out: a later one sent without it would overtake it.
                select event_id
                from (select event_id, position, count(*) over (partition by head_id order by position) as locked_so_far
                      from locked) l
                where locked_so_far = position
            ), claimed as (
                -- Only unindexed columns change: a heap-only update of the narrow row.
                update webhook_deliveries d set claim_token = :token, leased_until = :leaseUntil
                from unbroken where d.event_id = unbroken.event_id
                returning d.event_id, d.receiver_id, d.attempt_count, d.next_trigger, d.row_key
            )
            select c.event_id as id, p.organization_id, c.receiver_id, p.body, c.attempt_count,
                   c.next_trigger, p.occurred_at, p.test, c.row_key
            from claimed c join webhook_event_payloads p on p.id = c.event_id
            """;
}
