-- Runs: the first webhookable resource.

create table runs (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    title           text        not null,
    status          text        not null default 'TODO'
        check (status in ('TODO', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE', 'CANCELED')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index runs_per_organization on runs (organization_id, id);

select make_webhookable('runs', 'RUNS');
