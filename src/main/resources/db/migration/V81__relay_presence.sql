-- Whether a relay client is serving a receiver now, and since when: written by the relay endpoints
-- on each poll (at most about once a second per receiver), read by the API.
create table webhook_relay_presence (
    receiver_id     bigint      primary key references webhook_receivers on delete cascade,
    connected_since timestamptz not null,
    last_seen_at    timestamptz not null
);
