package io.hookline.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes to events made by people: retries, replays and test events. */
@Repository
class EventCommandRepository {

    private final JdbcClient jdbc;

    EventCommandRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes one event due now as a MANUAL try, keeping its attempts. Not while a worker is sending
     * it, and not once its receiver is gone.
     */
    Optional<WebhookEvent> retry(long organizationId, long id, Instant now) {
        return jdbc.sql("""
                        update webhook_events
                        set status = case when attempt_count = 0 then 'PENDING' else 'RETRYING' end,
                            next_attempt_at = :now, next_trigger = 'MANUAL', completed_at = null
                        where organization_id = :org and id = :id and claim_token is null and receiver_id is not null
                        returning *
                        """)
                .param("org", organizationId).param("id", id).param("now", now.atOffset(ZoneOffset.UTC))
                .query(EventRepository::map).optional();
    }

    /** Makes a receiver's events of the given statuses created since {@code since} due now, as MANUAL tries. */
    int replay(long organizationId, long receiverId, OffsetDateTime since, List<String> statuses, Instant now) {
        return jdbc.sql("""
                        update webhook_events
                        set status = case when attempt_count = 0 then 'PENDING' else 'RETRYING' end,
                            next_attempt_at = :now, next_trigger = 'MANUAL', completed_at = null
                        where organization_id = :org and receiver_id = :receiver and created_at >= :since
                          and status = any (cast(:statuses as text[])) and claim_token is null
                        """)
                .param("org", organizationId).param("receiver", receiverId).param("since", since)
                .param("statuses", statuses.toArray(String[]::new)).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A clearly marked test event for one receiver, sent through the same path as every other. */
    WebhookEvent createTest(long organizationId, long receiverId, Instant now) {
        return jdbc.sql("""
                        with event as (select nextval('webhook_events_id_seq') as id)
                        insert into webhook_events (id, organization_id, receiver_id, test, body, status, next_attempt_at,
                                                    next_trigger, occurred_at, created_at)
                        select id, :org, :receiver, true,
                               json_build_object(
                                   'event_id', id,
                                   'subscription_id', null,
                                   'receiver_id', :receiver,
                                   'resource', null,
                                   'action', null,
                                   'test', true,
                                   'transaction_id', null,
                                   'occurred_at', to_char(:now at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                   'data', json_build_object('message', 'A test webhook from Hookline: your receiver is reachable.'),
                                   'previous_data', null,
                                   'changed_fields', '[]'::json
                               )::text,
                               'PENDING', :now, 'MANUAL', :now, :now
                        from event
                        returning *
                        """)
                .param("org", organizationId).param("receiver", receiverId).param("now", now.atOffset(ZoneOffset.UTC))
                .query(EventRepository::map).single();
    }

    void notifyEvents() {
        jdbc.sql("select pg_notify('hookline_events', '')").query().singleValue();
    }
}
