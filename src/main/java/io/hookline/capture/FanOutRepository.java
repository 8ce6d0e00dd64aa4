package io.hookline.capture;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FanOutRepository {

    private final JdbcClient jdbc;

    FanOutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Batch(int changes, int events) {
    }

    /**
     * In one statement: claims up to {@code limit} unprocessed changes (skipping those another
     * worker holds), marks them processed, and creates one event per matching active subscription
     * (whose filter, if any, holds for the change) of an active receiver, with the body fixed as text now. Either all of it commits or none.
     */
    Batch fanOut(Instant now, int limit) {
        return jdbc.sql("""
                        with changes as (
                            update change_log c set processed_at = :now
                            where c.id in (select id from change_log where processed_at is null
                                           order by id limit :limit for update skip locked)
                            returning c.*
                        ), matches as (
                            -- Numbered in change order, so a receiver may order a row's events by event_id.
                            select nextval('webhook_events_id_seq') as event_id, m.*
                            from (select c.id as change_id, c.organization_id, c.resource, c.action, c.transaction_id,
                                         c.occurred_at, c.new_row, c.old_row, c.changed_fields,
                                         s.id as subscription_id, s.receiver_id
                                  from changes c
                                  join webhook_subscriptions s on s.organization_id = c.organization_id
                                       and s.resource = c.resource and s.action = c.action and s.active
                                       and (s.filter_path is null
                                            or webhook_filter_matches(s.filter_path, c.new_row, c.old_row, c.action))
                                  join webhook_receivers r on r.id = s.receiver_id and r.active
                                  order by c.id, s.id) m
                        ), inserted as (
                            insert into webhook_events (id, organization_id, subscription_id, receiver_id, change_id,
                                                        resource, action, transaction_id, body, status, next_attempt_at,
                                                        occurred_at, created_at)
                            select event_id, organization_id, subscription_id, receiver_id, change_id, resource, action,
                                   transaction_id,
                                   json_build_object(
                                       'event_id', event_id,
                                       'subscription_id', subscription_id,
                                       'receiver_id', receiver_id,
                                       'resource', resource,
                                       'action', action,
                                       'transaction_id', transaction_id,
                                       'occurred_at', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                       'data', new_row,
                                       'previous_data', old_row,
                                       'changed_fields', to_jsonb(coalesce(changed_fields, '{}'))
                                   )::text,
                                   'PENDING', :now, occurred_at, :now
                            from matches
                            returning 1
                        )
                        select (select count(*) from changes) as changes, (select count(*) from inserted) as events
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC)).param("limit", limit)
                .query((rs, n) -> new Batch(rs.getInt("changes"), rs.getInt("events")))
                .single();
    }

    void notifyEvents() {
        jdbc.sql("select pg_notify('" + ChangeNotifications.EVENTS + "', '')").query().singleValue();
    }
}
