-- Delivery controls per receiver (docs/delivery-controls.md): ordering, a concurrency cap and a
-- rate cap, each holding across every Hookline process sharing this database.
alter table webhook_receivers
    add column ordering text not null default 'NONE' check (ordering in ('NONE', 'PER_ROW', 'ALL')),
    add column max_concurrency int not null default 8 check (max_concurrency between 1 and 64),
    add column max_requests_per_second double precision check (max_requests_per_second > 0);

-- The order key of an event of an ordered receiver, fixed when the event is created: the row it is
-- about ('RUNS/42') under PER_ROW, '*' (the whole receiver) under ALL; null when unordered. Written
-- once at insert, so the claim's and the lease renewals' updates stay heap-only.
alter table webhook_deliveries add column row_key text;

-- "No earlier unfinished event with the same key" is an index probe; unordered events (most) are
-- not in this index at all, so they cost it nothing.
create index webhook_deliveries_row_order on webhook_deliveries (receiver_id, row_key, event_id)
    where row_key is not null and status in ('PENDING', 'RETRYING');

-- A receiver's send slots: a process sends to a receiver only within the slots it leases here, so
-- the requests in flight to it across all processes stay within max_concurrency. A dead holder's
-- slots come back when their lease runs out.
create table receiver_send_slots (
    receiver_id  bigint      not null references webhook_receivers on delete cascade,
    slot         int         not null,
    holder       uuid,
    leased_until timestamptz,
    -- Set by a process that found no free slot: holders give theirs back after a short hold.
    wanted_until timestamptz,
    primary key (receiver_id, slot)
) with (fillfactor = 70);

-- A token bucket per rate-capped receiver; processes take ~100 ms worth of tokens at a time.
create table receiver_rate_buckets (
    receiver_id bigint           primary key references webhook_receivers on delete cascade,
    tokens      double precision not null,
    refilled_at timestamptz      not null,
    -- What the last take got, for its RETURNING.
    last_taken  int              not null default 0
) with (fillfactor = 70);
