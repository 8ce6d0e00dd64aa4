-- Locations: workcenters where runs happen and stock locations where parts are kept.

create table locations (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    name            text        not null,
    kind            text        not null check (kind in ('WORKCENTER', 'STOCK')),
    description     text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index locations_per_organization on locations (organization_id, id);
create unique index locations_name_per_organization on locations (organization_id, lower(name));

select make_webhookable('locations', 'LOCATIONS');
