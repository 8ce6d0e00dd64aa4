-- Part inventories: a quantity of one part at one location, per serial or lot where the part is tracked.

create table part_inventories (
    id              bigint generated always as identity primary key,
    organization_id bigint         not null references organizations on delete cascade,
    part_id         bigint         not null references parts,
    location_id     bigint         not null references locations,
    quantity        numeric(18, 6) not null check (quantity >= 0),
    serial_number   text,
    lot_number      text,
    created_at      timestamptz    not null default now(),
    updated_at      timestamptz    not null default now(),
    etag            text           not null default new_etag()
);
create index part_inventories_per_organization on part_inventories (organization_id, id);
create index part_inventories_per_part on part_inventories (part_id, location_id);
-- A serial number names one unit: it is in stock once at most.
create unique index part_inventories_serial on part_inventories (organization_id, part_id, serial_number)
    where serial_number is not null;

select make_webhookable('part_inventories', 'PART_INVENTORIES');
