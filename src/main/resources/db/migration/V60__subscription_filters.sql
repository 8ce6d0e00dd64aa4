-- Subscription filters: a subscription may carry a filter (the API's shape, as JSON) and, beside
-- it, the same filter compiled when it is saved into a jsonpath predicate, so the fan-out
-- evaluates it natively per change: a change that does not match creates no event.

alter table webhook_subscriptions
    add column filter      jsonb,
    add column filter_path jsonpath,
    add constraint webhook_subscriptions_filter_compiled check ((filter is null) = (filter_path is null));

-- The path reads the row after the change as `$` (the row before for a DELETE) and the row before
-- as variables (`$"status"`); for a CREATE or DELETE both are the same row, so nothing "changed".
-- Simple and immutable, so PostgreSQL inlines it into the fan-out's join. Silent: a path error
-- is no match, never a failed batch.
create function webhook_filter_matches(path jsonpath, new_row jsonb, old_row jsonb, action text) returns boolean
    language sql immutable parallel safe
as $$
    select jsonb_path_match(case when action = 'DELETE' then old_row else new_row end, path,
                            coalesce(old_row, new_row), true)
$$;
