-- Receipts: a quantity received against a purchase order line into a location.

create table receipts (
    id                     bigint generated always as identity primary key,
    organization_id        bigint         not null references organizations on delete cascade,
    purchase_order_line_id bigint         not null references purchase_order_lines,
    part_id                bigint         not null references parts,
    location_id            bigint         not null references locations,
    -- The stock the receipt went into; forgotten if that stock is deleted later.
    part_inventory_id      bigint references part_inventories on delete set null,
    quantity               numeric(18, 6) not null check (quantity > 0),
    serial_number          text,
    lot_number             text,
    notes                  text,
    received_by            bigint references users on delete set null,
    created_at             timestamptz    not null default now(),
    updated_at             timestamptz    not null default now(),
    etag                   text           not null default new_etag()
);
create index receipts_per_organization on receipts (organization_id, id);
create index receipts_per_line on receipts (purchase_order_line_id);
create index receipts_per_inventory on receipts (part_inventory_id) where part_inventory_id is not null;
create index receipts_per_location on receipts (location_id);

select make_webhookable('receipts', 'RECEIPTS');
