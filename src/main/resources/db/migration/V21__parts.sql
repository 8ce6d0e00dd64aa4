-- Parts: what is built, bought and kept in stock, identified by part number and revision.

create table parts (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    part_number     text        not null,
    revision        text        not null default 'A',
    description     text,
    unit_of_measure text        not null default 'each',
    -- How single units are told apart: one serial number each, a lot number per batch, or not at all.
    tracking        text        not null default 'NONE' check (tracking in ('SERIAL', 'LOT', 'NONE')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index parts_per_organization on parts (organization_id, id);
create unique index parts_number_revision on parts (organization_id, part_number, revision);

select make_webhookable('parts', 'PARTS');
