-- Purchase orders to suppliers. PARTIALLY_RECEIVED and RECEIVED are set by receiving, never by hand.

create table purchase_orders (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    supplier        text        not null,
    reference       text,
    status          text        not null default 'DRAFT'
        check (status in ('DRAFT', 'PLACED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELED')),
    placed_at       timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index purchase_orders_per_organization on purchase_orders (organization_id, id);

select make_webhookable('purchase_orders', 'PURCHASE_ORDERS');
