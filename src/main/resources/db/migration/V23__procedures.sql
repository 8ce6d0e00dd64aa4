-- Procedures: named, versioned instructions. The ordered step templates and their data fields
-- are kept with the procedure as JSON, so a change to them is a change of the procedure and
-- fires as one; runs copy them when they are created.

create table procedures (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    name            text        not null,
    description     text,
    -- Bumped whenever the steps change.
    version         int         not null default 1 check (version >= 1),
    steps           jsonb       not null default '[]',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index procedures_per_organization on procedures (organization_id, id);

select make_webhookable('procedures', 'PROCEDURES');
