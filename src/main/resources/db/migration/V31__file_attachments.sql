-- File attachments: metadata of a file attached to any other resource (the contents live elsewhere).

create table file_attachments (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    -- The resource (a ResourceEnum name) and id of the object the file belongs to.
    resource        text        not null,
    resource_id     bigint      not null,
    name            text        not null,
    content_type    text        not null,
    size_bytes      bigint      not null check (size_bytes >= 0),
    checksum        text,
    created_by      bigint references users on delete set null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index file_attachments_per_organization on file_attachments (organization_id, id);
create index file_attachments_per_object on file_attachments (resource, resource_id);

select make_webhookable('file_attachments', 'FILE_ATTACHMENTS');

-- An attachment goes with its object, however the object is deleted (the API, a cascade from its
-- parent, plain SQL), since there is no foreign key to do it. Each deleted attachment fires.
create function delete_attachments_of_deleted_rows() returns trigger
    language plpgsql
as $$
begin
    delete from file_attachments a
    using old_rows o
    where a.resource = tg_argv[0] and a.resource_id = o.id and a.organization_id = o.organization_id;
    return null;
end
$$;

do $$
declare
    target record;
begin
    for target in select * from (values
            ('locations', 'LOCATIONS'), ('parts', 'PARTS'), ('part_inventories', 'PART_INVENTORIES'),
            ('procedures', 'PROCEDURES'), ('runs', 'RUNS'), ('run_steps', 'RUN_STEPS'),
            ('run_step_field_values', 'RUN_STEP_FIELD_VALUES'), ('issues', 'ISSUES'),
            ('purchase_orders', 'PURCHASE_ORDERS'), ('purchase_order_lines', 'PURCHASE_ORDER_LINES'),
            ('receipts', 'RECEIPTS')) as t (table_name, resource) loop
        execute format('create trigger delete_attachments after delete on %I referencing old table as old_rows '
                       'for each statement execute function delete_attachments_of_deleted_rows(%L)',
                       target.table_name, target.resource);
    end loop;
end
$$;
