-- Subscriptions: which (resource, action) pairs a receiver hears about.

create table webhook_subscriptions (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    receiver_id     bigint      not null references webhook_receivers on delete cascade,
    resource        text        not null,
    action          text        not null check (action in ('CREATE', 'UPDATE', 'DELETE')),
    active          boolean     not null default true,
    created_by      bigint references users on delete set null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag(),
    constraint webhook_subscriptions_unique_pair unique (receiver_id, resource, action)
);
create index webhook_subscriptions_per_organization on webhook_subscriptions (organization_id, id);
-- The fan-out's lookup for every change.
create index webhook_subscriptions_matching on webhook_subscriptions (organization_id, resource, action) where active;
