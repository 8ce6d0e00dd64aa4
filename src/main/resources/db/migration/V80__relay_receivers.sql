-- Relay receivers: Hookline never connects to them; a relay client inside the receiver's network
-- pulls their events (docs/relay.md). They have no URL, and a token that is stored only as a hash.
alter table webhook_receivers alter column webhook_uri drop not null;
alter table webhook_receivers
    add column relay            boolean not null default false,
    add column relay_token_hash bytea,
    add constraint webhook_receivers_relay_or_uri check (
        (relay and webhook_uri is null and relay_token_hash is not null) or (not relay and webhook_uri is not null));
create unique index webhook_receivers_relay_token on webhook_receivers (relay_token_hash)
    where relay_token_hash is not null;
