package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records finished tries, many at once, in one transaction: the attempt rows, the events' new
 * states and the receivers' health. Only tries whose event this worker still holds the claim of
 * are recorded: if the lease ran out and another worker took the event, or the receiver was
 * deleted, the other holder owns it now.
 */
@Repository
class DeliveryRecorder {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RetryPolicy retryPolicy;
    private final Duration autoDisableAfter;

    DeliveryRecorder(JdbcClient jdbc, TransactionTemplate transaction, RetryPolicy retryPolicy,
                     DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.retryPolicy = retryPolicy;
        this.autoDisableAfter = properties.autoDisableAfter();
    }

    /** A try that has ended and waits to be recorded. */
    record Finished(ClaimedEvent event, Attempt attempt) {

        Instant endedAt() {
            return attempt.startedAt().plus(attempt.duration());
        }
    }

    /** Records the tries; returns the event ids whose try was recorded (the claim was still held). */
    Set<Long> record(List<Finished> tries, Instant now) {
        List<EventUpdate> updates = tries.stream().map(t -> update(t, now)).toList();
        return transaction.execute(tx -> {
            Set<Long> recorded = Set.copyOf(updateEventsAndInsertAttempts(updates));
            List<Finished> held = tries.stream().filter(t -> recorded.contains(t.event().id())).toList();
            // In receiver id order: two workers recording at once lock the receivers' rows in the same
            // order, so they wait for each other instead of deadlocking.
            new TreeMap<>(ReceiverHealth.of(held)).forEach((receiverId, health) -> updateHealth(receiverId, health, now));
            return recorded;
        });
    }

    private record EventUpdate(Finished finished, String status, OffsetDateTime nextAttemptAt,
                               OffsetDateTime completedAt) {
    }

    private EventUpdate update(Finished finished, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (finished.attempt().outcome() instanceof DeliveryOutcome.Failed failed) {
            Optional<Duration> delay = retryPolicy.delayAfter(finished.event().nextAttemptNumber(), failed);
            return delay.map(d -> new EventUpdate(finished, "RETRYING", now.plus(d).atOffset(ZoneOffset.UTC), null))
                    .orElseGet(() -> new EventUpdate(finished, "FAILED", null, at));
        }
        return new EventUpdate(finished, "SUCCEEDED", null, at);
    }

    private List<Long> updateEventsAndInsertAttempts(List<EventUpdate> updates) {
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
            EventUpdate u = updates.get(i);
            ClaimedEvent event = u.finished().event();
            Attempt attempt = u.finished().attempt();
            ids[i] = event.id();
            tokens[i] = event.claimToken().toString();
            statuses[i] = u.status();
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

    /** Whether the database answers at all: tells a database that is away from a batch it refused. */
    boolean reachable() {
        try {
            return jdbc.sql("select true").query(Boolean.class).single();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Arrays of timestamps travel as ISO-8601 text and are cast in SQL: the driver has no array type for them. */
    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    /**
     * What a batch of tries says about one receiver, in the order they ended: whether any got
     * through, the failures since the last success, and whether the receiver answered 410 Gone.
     */
    record ReceiverHealth(Instant lastSuccessAt, int failuresSinceSuccess, Instant firstFailureSinceSuccess,
                          Instant lastFailureAt, boolean gone) {

        static Map<Long, ReceiverHealth> of(List<Finished> tries) {
            Map<Long, List<Finished>> byReceiver = new LinkedHashMap<>();
            tries.stream().sorted((a, b) -> a.endedAt().compareTo(b.endedAt()))
                    .forEach(t -> byReceiver.computeIfAbsent(t.event().receiverId(), id -> new ArrayList<>()).add(t));
            Map<Long, ReceiverHealth> health = new LinkedHashMap<>();
            byReceiver.forEach((receiverId, ordered) -> {
                Instant lastSuccess = null;
                Instant firstFailure = null;
                Instant lastFailure = null;
                int failures = 0;
                boolean gone = false;
                for (Finished t : ordered) {
                    if (t.attempt().outcome() instanceof DeliveryOutcome.Failed f) {
                        failures++;
                        firstFailure = firstFailure == null ? t.endedAt() : firstFailure;
                        lastFailure = t.endedAt();
                        gone |= f.status() != null && f.status() == 410;
                    } else {
                        lastSuccess = t.endedAt();
                        failures = 0;
                        firstFailure = null;
                    }
                }
                health.put(receiverId, new ReceiverHealth(lastSuccess, failures, firstFailure, lastFailure, gone));
            });
            return health;
        }
    }

    private void updateHealth(long receiverId, ReceiverHealth health, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (health.failuresSinceSuccess() == 0) {
            // On the happy path the row is written at most once a second, so that many concurrent
            // successes to one receiver don't queue on its row lock.
            jdbc.sql("""
                            update webhook_receivers
                            set consecutive_failures = 0, failing_since = null, last_success_at = :now
                            where id = :id and (consecutive_failures <> 0 or failing_since is not null
                                                or last_success_at is null or last_success_at < :now - interval '1 second')
                            """)
                    .param("now", at).param("id", receiverId).update();
            return;
        }
        boolean succeeded = health.lastSuccessAt() != null;
        jdbc.sql("""
                        with next as (
                            select id,
                                   case when :succeeded then 0 else consecutive_failures end + :failures as failures,
                                   case when :succeeded then :firstFailure else coalesce(failing_since, :firstFailure) end
                                       as failing_since,
                                   active
                            from webhook_receivers where id = :id
                        )
                        update webhook_receivers r
                        set consecutive_failures = next.failures,
                            failing_since = next.failing_since,
                            last_failure_at = :lastFailure,
                            last_success_at = coalesce(cast(:lastSuccess as timestamptz), r.last_success_at),
                            active = next.active and not (:gone or next.failing_since <= :disableBefore),
                            disabled_reason = case
                                when not next.active then r.disabled_reason
                                when :gone then 'The receiver answered 410 Gone at '
                                    || to_char(:lastFailure at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
                                when next.failing_since <= :disableBefore then 'Every delivery failed since '
                                    || to_char(next.failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
                                else r.disabled_reason end
                        from next
                        where r.id = next.id
                        """)
                .param("succeeded", succeeded).param("failures", health.failuresSinceSuccess())
                .param("firstFailure", health.firstFailureSinceSuccess().atOffset(ZoneOffset.UTC))
                .param("lastFailure", health.lastFailureAt().atOffset(ZoneOffset.UTC))
                .param("lastSuccess", succeeded ? health.lastSuccessAt().atOffset(ZoneOffset.UTC) : null)
                .param("gone", health.gone())
                .param("disableBefore", now.minus(autoDisableAfter).atOffset(ZoneOffset.UTC))
                .param("id", receiverId).update();
    }
}
