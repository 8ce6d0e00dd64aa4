-- Change capture: triggers on every webhookable table write each committed row change to
-- change_log in the writer's own transaction, so a rollback leaves nothing and a commit
-- always leaves the change. Statement-level triggers with transition tables keep a bulk
-- insert of many rows to one insert here.

create table change_log (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null,
    resource        text        not null,
    action          text        not null,
    row_id          bigint,
    transaction_id  bigint      not null,
    new_row         jsonb,
    old_row         jsonb,
    changed_fields  text[],
    occurred_at     timestamptz not null default clock_timestamp(),
    -- Set by the fan-out. Work is found by this flag, not by an id watermark, because
    -- transactions commit out of id order.
    processed_at    timestamptz
);
create index change_log_pending on change_log (id) where processed_at is null;
create index change_log_processed on change_log (processed_at) where processed_at is not null;

create table webhookable_tables (
    resource   text primary key,
    table_name regclass not null unique
);

-- Columns that change on every write and say nothing by themselves.
create function change_bookkeeping_columns() returns text[]
    language sql immutable
as $$ select array['updated_at', 'etag'] $$;

create function capture_inserts() returns trigger
    language plpgsql
as $$
begin
    insert into change_log (organization_id, resource, action, row_id, transaction_id, new_row, changed_fields)
    select (r ->> 'organization_id')::bigint, tg_argv[0], 'CREATE', (r ->> 'id')::bigint, txid_current(), r, '{}'
    from (select to_jsonb(n) as r from new_rows n) inserted;
    if found then
        perform pg_notify('hookline_changes', '');
    end if;
    return null;
end
$$;

create function capture_updates() returns trigger
    language plpgsql
as $$
begin
    insert into change_log (organization_id, resource, action, row_id, transaction_id, new_row, old_row, changed_fields)
    select (after.r ->> 'organization_id')::bigint, tg_argv[0], 'UPDATE', after.id, txid_current(),
           after.r, before.r, diff.changed
    from (select n.id, to_jsonb(n) as r from new_rows n) after
    join (select o.id, to_jsonb(o) as r from old_rows o) before using (id)
    cross join lateral (
        select array_agg(field.key order by field.key) as changed
        from jsonb_each(after.r) field
        where field.key <> all (change_bookkeeping_columns())
          and field.value is distinct from before.r -> field.key
    ) diff
    -- An update that changes no column says nothing and fires nothing.
    where diff.changed is not null;
    if found then
        perform pg_notify('hookline_changes', '');
    end if;
    return null;
end
$$;

create function capture_deletes() returns trigger
    language plpgsql
as $$
begin
    insert into change_log (organization_id, resource, action, row_id, transaction_id, old_row, changed_fields)
    select (r ->> 'organization_id')::bigint, tg_argv[0], 'DELETE', (r ->> 'id')::bigint, txid_current(), r, '{}'
    from (select to_jsonb(o) as r from old_rows o) deleted;
    if found then
        perform pg_notify('hookline_changes', '');
    end if;
    return null;
end
$$;

-- Declares a table webhookable as a resource: every later migration that adds a resource
-- calls this once. The table needs bigint columns id and organization_id.
create function make_webhookable(target regclass, resource text) returns void
    language plpgsql
as $$
begin
    execute format('create trigger capture_inserts after insert on %s referencing new table as new_rows '
                   'for each statement execute function capture_inserts(%L)', target, resource);
    execute format('create trigger capture_updates after update on %s referencing old table as old_rows new table as new_rows '
                   'for each statement execute function capture_updates(%L)', target, resource);
    execute format('create trigger capture_deletes after delete on %s referencing old table as old_rows '
                   'for each statement execute function capture_deletes(%L)', target, resource);
    insert into webhookable_tables (resource, table_name) values (resource, target);
end
$$;
