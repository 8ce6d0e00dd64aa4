package io.hookline.delivery;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a batch of try outcomes in one statement: each event's delivery row gets its new state and
 * the try its attempt row, only where the claim is still this try's (docs/architecture.md).
 */
@Repository
class AttemptWriter {

    private final JdbcClient jdbc;

    AttemptWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns the ids of the events whose try was written: the claim was still held. */
    List<Long> write(List<TryOutcome> updates) {
        int n = updates.size();
        Long[] ids = new Long[n];
        String[] tokens = new String[n];
        String[] statuses = new String[n];
        Integer[] numbers = new Integer[n];
        String[] nexts = new String[n];
        String[] completions = new String[n];
        String[] triggers = new String[n];
        String[] starts = new String[n];
        Integer[] durations = new Integer[n];
        Integer[] responseStatuses = new Integer[n];
        String[] headers = new String[n];
        String[] bodies = new String[n];
        String[] kinds = new String[n];
        String[] errors = new String[n];
        String[] requestUrls = new String[n];
        String[] requestHeaders = new String[n];
        for (int i = 0; i < n; i++) {
            TryOutcome u = updates.get(i);
            ClaimedEvent event = u.finished().event();
            Attempt attempt = u.finished().attempt();
            ids[i] = event.id();
            tokens[i] = event.claimToken().toString();
            statuses[i] = u.status().name();
            numbers[i] = event.nextAttemptNumber();
            nexts[i] = text(u.nextAttemptAt());
            completions[i] = text(u.completedAt());
            triggers[i] = event.trigger();
            starts[i] = attempt.startedAt().toString();
            durations[i] = (int) Math.min(Integer.MAX_VALUE, attempt.duration().toMillis());
            if (attempt.request() != null) {
                requestUrls[i] = attempt.request().url();
                requestHeaders[i] = storable(attempt.request().headers());
            }
            switch (attempt.outcome()) {
                case DeliveryOutcome.Delivered d -> {
                    responseStatuses[i] = d.status();
                    headers[i] = storable(d.responseHeaders());
                    bodies[i] = storable(d.responseBody());
                }
                case DeliveryOutcome.Failed f -> {
                    responseStatuses[i] = f.status();
                    headers[i] = storable(f.responseHeaders());
                    bodies[i] = storable(f.responseBody());
                    kinds[i] = f.kind().name();
                    errors[i] = storable(f.error());
                }
            }
        }
        return jdbc.sql("""
                        with tries as (
                            select * from unnest(cast(:ids as bigint[]), cast(:tokens as uuid[]), cast(:statuses as text[]),
                                                 cast(:numbers as int[]), cast(:nexts as timestamptz[]),
                                                 cast(:completions as timestamptz[]), cast(:triggers as text[]),
                                                 cast(:starts as timestamptz[]), cast(:durations as int[]),
                                                 cast(:responseStatuses as int[]), cast(:headers as text[]),
                                                 cast(:bodies as text[]), cast(:kinds as text[]), cast(:errors as text[]),
                                                 cast(:requestUrls as text[]), cast(:requestHeaders as text[]))
                                as t(id, token, status, number, next_attempt_at, completed_at, trigger, started_at,
                                     duration_ms, response_status, response_headers, response_body, error_kind, error,
                                     request_url, request_headers)
                        ), updated as (
                            update webhook_deliveries d
                            set status = t.status, attempt_count = t.number, next_attempt_at = t.next_attempt_at,
                                next_trigger = 'SCHEDULED', claim_token = null, leased_until = null,
                                completed_at = t.completed_at
                            from tries t
                            -- A claim whose lease ran out still records while nobody took it over: the
                            -- try happened, and its token is proof that nobody else has tried since.
                            where d.event_id = t.id and d.claim_token = t.token
                            returning d.event_id as id, t.token
                        ), attempts as (
                            insert into webhook_attempts (event_id, number, trigger, started_at, duration_ms, response_status,
                                                          response_headers, response_body, error_kind, error,
                                                          request_url, request_headers)
                            select t.id, t.number, t.trigger, t.started_at, t.duration_ms, t.response_status,
                                   t.response_headers, t.response_body, t.error_kind, t.error,
                                   t.request_url, t.request_headers
                            -- By token too: a stale try of the same event in this batch is not the holder's.
                            from tries t join updated u on u.id = t.id and u.token = t.token
                        )
                        select id from updated
                        """)
                .param("ids", ids).param("tokens", tokens).param("statuses", statuses).param("numbers", numbers)
                .param("nexts", nexts).param("completions", completions).param("triggers", triggers)
                .param("starts", starts).param("durations", durations).param("responseStatuses", responseStatuses)
                .param("headers", headers).param("bodies", bodies).param("kinds", kinds).param("errors", errors)
                .param("requestUrls", requestUrls).param("requestHeaders", requestHeaders)
                .query(Long.class).list();
    }

    /** PostgreSQL text cannot hold NUL, which a receiver may well answer with: it is kept as U+FFFD. */
    private static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    /** Arrays of timestamps travel as ISO-8601 text and are cast in SQL: the driver has no array type for them. */
    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
