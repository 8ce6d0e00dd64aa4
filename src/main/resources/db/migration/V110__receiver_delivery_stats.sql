-- A receiver's deliveries over the last hours (WebhookReceiver.deliveryStats, docs/console.md) read
-- only the events that can have a try in that window: those still pending or retrying (found by
-- webhook_deliveries_due) and those finished since the window began, found here. A try always
-- starts before its event finishes, so nothing older can have one.
-- Only a finishing update enters this index; a claim and its lease renewals stay heap-only updates.
create index webhook_deliveries_finished on webhook_deliveries (receiver_id, completed_at, event_id)
    where status not in ('PENDING', 'RETRYING');
