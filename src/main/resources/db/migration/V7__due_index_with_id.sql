-- The claim orders a receiver's due events by (next_attempt_at, id). Without id in the index,
-- events sharing one due time (a bulk replay, a burst of changes) were sorted on every claim.
drop index webhook_events_due;
create index webhook_events_due on webhook_events (receiver_id, next_attempt_at, id)
    where status in ('PENDING', 'RETRYING');
