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

    /** The columns {@link EventRepository#map} reads, from a payload {@code p} and its delivery {@code d}. */
    private static final String EVENT_COLUMNS = "p.*, d.status, d.attempt_count, d.next_attempt_at, d.completed_at";

    /**
     * Makes one event due now as a MANUAL try, keeping its attempts. Not while a worker is sending
     * it (its claim's lease still runs), and not once its receiver is gone. A claim whose lease ran
     * out is void: its holder died or lost the database, and never records over this.
     */
    Optional<WebhookEvent> retry(long organizationId, long id, Instant now) {
        return jdbc.sql("""
                        update webhook_deliveries d
                        set status = case when d.attempt_count = 0 then 'PENDING' else 'RETRYING' end,
                            next_attempt_at = :now, next_trigger = 'MANUAL', completed_at = null,
                            claim_token = null, leased_until = null
                        from webhook_event_payloads p
                        where p.id = d.event_id and p.organization_id = :org and d.event_id = :id
                          and (d.claim_token is null or d.leased_until <= :now) and p.receiver_id is not null
                        returning\s""" + EVENT_COLUMNS)
                .param("org", organizationId).param("id", id).param("now", now.atOffset(ZoneOffset.UTC))
                .query(EventRepository::map).optional();
    }

    /**
     * Makes a receiver's events of the given statuses created since {@code since} due now, as MANUAL
     * tries; those being sent right now are left to their try, expired claims are taken back.
     */
    int replay(long organizationId, long receiverId, OffsetDateTime since, List<String> statuses, Instant now) {
        return jdbc.sql("""
                        update webhook_deliveries d
                        set status = case when d.attempt_count = 0 then 'PENDING' else 'RETRYING' end,
                            next_attempt_at = :now, next_trigger = 'MANUAL', completed_at = null,
                            claim_token = null, leased_until = null
                        from webhook_event_payloads p
                        where p.id = d.event_id and p.organization_id = :org and p.receiver_id = :receiver
                          and p.created_at >= :since and d.status = any (cast(:statuses as text[]))
                          and (d.claim_token is null or d.leased_until <= :now)
                        """)
                .param("org", organizationId).param("receiver", receiverId).param("since", since)
                .param("statuses", statuses.toArray(String[]::new)).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A clearly marked test event for one receiver, sent through the same path as every other. */
    WebhookEvent createTest(long organizationId, long receiverId, Instant now) {
        return jdbc.sql("""
                        with event as (select nextval('webhook_events_id_seq') as id
                        ), payload as (
                            insert into webhook_event_payloads (id, organization_id, receiver_id, test, body, occurred_at,
                                                                created_at)
                            select id, :org, :receiver, true,
                                   webhook_event_body(id, null, :receiver, null, null, true, null, :now,
                                                      jsonb_build_object('message',
                                                          'A test webhook from Hookline: your receiver is reachable.'),
                                                      null, null),
                                   :now, :now
                            from event
                            returning *
                        ), delivery as (
                            -- A test event is about no row; under ALL it takes its turn (docs/delivery-controls.md).
                            insert into webhook_deliveries (event_id, receiver_id, next_attempt_at, next_trigger, row_key)
                            select p.id, p.receiver_id, :now, 'MANUAL',
                                   case when r.ordering = 'ALL' then '*' end
                            from payload p join webhook_receivers r on r.id = p.receiver_id
                            returning *
                        )
                        select\s""" + EVENT_COLUMNS + """
                         from payload p join delivery d on d.event_id = p.id
                        """)
                .param("org", organizationId).param("receiver", receiverId).param("now", now.atOffset(ZoneOffset.UTC))
                .query(EventRepository::map).single();
    }

    void notifyEvents() {
        jdbc.sql("select pg_notify('hookline_events', '')").query().singleValue();
    }
}
