-- Purchase order lines: a part, how many are ordered and received, at what unit price.

create table purchase_order_lines (
    id                bigint generated always as identity primary key,
    organization_id   bigint         not null references organizations on delete cascade,
    purchase_order_id bigint         not null references purchase_orders on delete cascade,
    part_id           bigint         not null references parts,
    quantity_ordered  numeric(18, 6) not null check (quantity_ordered > 0),
    quantity_received numeric(18, 6) not null default 0 check (quantity_received >= 0),
    unit_price        numeric(18, 4) not null default 0 check (unit_price >= 0),
    created_at        timestamptz    not null default now(),
    updated_at        timestamptz    not null default now(),
    etag              text           not null default new_etag()
);
create index purchase_order_lines_per_organization on purchase_order_lines (organization_id, id);
create index purchase_order_lines_per_order on purchase_order_lines (purchase_order_id, id);
create index purchase_order_lines_per_part on purchase_order_lines (part_id);

select make_webhookable('purchase_order_lines', 'PURCHASE_ORDER_LINES');
