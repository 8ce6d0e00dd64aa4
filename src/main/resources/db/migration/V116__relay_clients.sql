-- The relay clients serving each receiver, each by the id it polls with (docs/relay.md): a poll's
-- answer tells its client how many of the receiver's maxConcurrency it may forward at once, an even
-- share among the clients seen lately. Written at most once a second per client by each process.
create table webhook_relay_clients (
    receiver_id  bigint      not null references webhook_receivers on delete cascade,
    client_id    text        not null,
    last_seen_at timestamptz not null,
    primary key (receiver_id, client_id)
);
