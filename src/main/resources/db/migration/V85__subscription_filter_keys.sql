-- Filter keys: most filters require one field to equal one of a few values (`quantity equals 7`,
-- `workcenter_id in [3, 4]`). Such a subscription carries that requirement as its key, and the key
-- is indexed here one row per value, so the fan-out finds a change's candidate subscriptions by an
-- index probe with the change's own value instead of evaluating every subscription's filter on
-- every change (docs/filters.md). The full filter is still evaluated on the candidates.
--
-- filter_key: {"field": "quantity", "values": [7]}: the values as JSON of the column's type; an
-- empty list when no value of the column can equal them (such a filter never matches). Null when
-- the filter has no such requirement, or the subscription was saved before keys existed: those
-- subscriptions are evaluated on every change of their resource, as before.

alter table webhook_subscriptions
    add column filter_key jsonb,
    add constraint webhook_subscriptions_filter_key_needs_filter check (filter_key is null or filter is not null);

create table webhook_subscription_filter_keys (
    organization_id bigint not null,
    resource        text   not null,
    action          text   not null,
    field           text   not null,
    value           jsonb  not null,
    subscription_id bigint not null references webhook_subscriptions on delete cascade,
    primary key (organization_id, resource, action, field, value, subscription_id)
);
create index webhook_subscription_filter_keys_subscription on webhook_subscription_filter_keys (subscription_id);

-- Kept by the database itself, so that every way a subscription is written keeps its keys true.
create function webhook_subscription_filter_keys_sync() returns trigger
    language plpgsql
as $$
begin
    delete from webhook_subscription_filter_keys where subscription_id = new.id;
    insert into webhook_subscription_filter_keys (organization_id, resource, action, field, value, subscription_id)
    select distinct new.organization_id, new.resource, new.action, new.filter_key ->> 'field', v, new.id
    from jsonb_array_elements(coalesce(new.filter_key -> 'values', '[]')) as v
    where new.filter_key is not null;
    return null;
end
$$;

create trigger webhook_subscription_filter_keys_sync
    after insert or update of organization_id, resource, action, filter_key on webhook_subscriptions
    for each row execute function webhook_subscription_filter_keys_sync();
