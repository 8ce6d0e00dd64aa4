-- An event's delivery row, its attempts and a relay client's pending request all belong to the
-- event's payload, but checking that on every insert locks the payload row (and the delivery row,
-- for each attempt) FOR KEY SHARE: two row locks per event, ~190 WAL bytes and an integrity
-- trigger query each. The engine is these tables' only writer and the retention pruner deletes an
-- event whole in one statement (docs/architecture.md, "Tables"), so the references go.
alter table webhook_deliveries drop constraint webhook_deliveries_event_id_fkey;
alter table webhook_attempts drop constraint webhook_attempts_event_id_fkey;
alter table webhook_relay_requests drop constraint webhook_relay_requests_event_id_fkey;
