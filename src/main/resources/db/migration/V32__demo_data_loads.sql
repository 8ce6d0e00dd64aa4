-- Remembers which organization got the demo plant, so it is loaded once, not on every start,
-- and never again after a user has cleared it away.

create table demo_data_loads (
    organization_id bigint primary key references organizations on delete cascade,
    loaded_at       timestamptz not null default now()
);
