-- An event's immutable part (ids, body) is written once into webhook_event_payloads; what changes
-- on every claim and every try lives in the narrow webhook_deliveries row, so a claim or a record
-- rewrites ~100 bytes instead of the whole body. webhook_events stays as the read view of both.

alter table webhook_events rename to webhook_event_payloads;
alter index webhook_events_pkey rename to webhook_event_payloads_pkey;
alter index webhook_events_per_organization rename to webhook_event_payloads_per_organization;
alter index webhook_events_per_subscription rename to webhook_event_payloads_per_subscription;

-- fillfactor: a claim and its lease renewals only touch columns no index reads, so they stay
-- heap-only (HOT) updates when the page has room for the new version.
create table webhook_deliveries (
    event_id        bigint      primary key references webhook_event_payloads on delete cascade,
    -- Copies of the event's receiver and subscription, for the claim. No foreign keys: deleting a
    -- receiver cancels its deliveries, a deleted subscription holds nothing back (the payload's own
    -- columns are the ones set null).
    receiver_id     bigint,
    subscription_id bigint,
    status          text        not null default 'PENDING'
        check (status in ('PENDING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
    attempt_count   int         not null default 0,
    -- When the next try is due; a claim does not move it.
    next_attempt_at timestamptz,
    next_trigger    text        not null default 'SCHEDULED' check (next_trigger in ('SCHEDULED', 'MANUAL')),
    -- Set by the worker holding the claim; only it may record the outcome. The claim is void once
    -- leased_until has passed: the holder renews it while it still works on the event.
    claim_token     uuid,
    leased_until    timestamptz,
    completed_at    timestamptz
) with (fillfactor = 70);

insert into webhook_deliveries (event_id, receiver_id, subscription_id, status, attempt_count, next_attempt_at, next_trigger,
                                claim_token, leased_until, completed_at)
select id, receiver_id, subscription_id, status, attempt_count,
       -- A claim used to push next_attempt_at one lease ahead: that is now the lease.
       next_attempt_at, next_trigger, claim_token, case when claim_token is not null then next_attempt_at end,
       completed_at
from webhook_event_payloads;

drop index webhook_events_due;
drop index webhook_events_completed;
alter table webhook_event_payloads
    drop column status, drop column attempt_count, drop column next_attempt_at, drop column next_trigger,
    drop column claim_token, drop column completed_at;

-- The claim: a receiver's due deliveries, oldest due first.
create index webhook_deliveries_due on webhook_deliveries (receiver_id, next_attempt_at, event_id)
    where status in ('PENDING', 'RETRYING');
-- Retention walks the payloads by age: a block-range index costs next to nothing to maintain
-- on an append-only table.
create index webhook_event_payloads_created on webhook_event_payloads using brin (created_at);

create view webhook_events as
select p.id, p.organization_id, p.subscription_id, p.receiver_id, p.change_id, p.resource, p.action,
       p.transaction_id, p.test, p.body, d.status, d.attempt_count, d.next_attempt_at, d.next_trigger,
       d.claim_token, d.leased_until, p.occurred_at, p.created_at, d.completed_at
from webhook_event_payloads p
join webhook_deliveries d on d.event_id = p.id;

-- The fan-out deletes the changes it turns into events: nothing marks them processed any more.
delete from change_log where processed_at is not null;
drop index change_log_pending;
drop index change_log_processed;
alter table change_log drop column processed_at;
