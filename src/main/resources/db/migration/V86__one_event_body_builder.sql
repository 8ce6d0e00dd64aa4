-- The body every webhook carries (docs/payloads.md), built in one place: the fan-out and test
-- events both call it. Key order is the documented one; a test event says "test": true after the
-- action, a change's event has no "test" key. Plain SQL and immutable, so PostgreSQL inlines it
-- into the fan-out's statement: one function costs nothing per event.
create function webhook_event_body(event_id bigint, subscription_id bigint, receiver_id bigint, resource text,
                                   action text, test boolean, transaction_id bigint, occurred_at timestamptz,
                                   data jsonb, previous_data jsonb, changed_fields text[]) returns text
    language sql immutable parallel safe
as $$
    select case when test then
        json_build_object(
            'event_id', event_id, 'subscription_id', subscription_id, 'receiver_id', receiver_id,
            'resource', resource, 'action', action, 'test', true, 'transaction_id', transaction_id,
            'occurred_at', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'data', data, 'previous_data', previous_data, 'changed_fields', to_jsonb(coalesce(changed_fields, '{}')))::text
    else
        json_build_object(
            'event_id', event_id, 'subscription_id', subscription_id, 'receiver_id', receiver_id,
            'resource', resource, 'action', action, 'transaction_id', transaction_id,
            'occurred_at', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'data', data, 'previous_data', previous_data, 'changed_fields', to_jsonb(coalesce(changed_fields, '{}')))::text
    end
$$;
