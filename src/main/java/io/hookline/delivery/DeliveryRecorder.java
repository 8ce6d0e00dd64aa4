package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records one try in one transaction: the attempt row, the event's new state and the receiver's
 * health. If this worker no longer holds the event's claim (its lease ran out and another worker
 * took it, or the receiver was deleted), nothing is recorded: the other holder owns it now.
 */
@Repository
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

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

    /** What became of the event; {@code recorded} is false when the claim was lost. */
    record Recorded(boolean recorded, String status) {
    }

    Recorded record(ClaimedEvent event, Attempt attempt, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int number = event.nextAttemptNumber();
        String status;
        OffsetDateTime next = null;
        if (attempt.outcome() instanceof DeliveryOutcome.Failed failed) {
            Optional<Duration> delay = retryPolicy.delayAfter(number, failed);
            status = delay.isPresent() ? "RETRYING" : "FAILED";
            next = delay.map(d -> now.plus(d).atOffset(ZoneOffset.UTC)).orElse(null);
        } else {
            status = "SUCCEEDED";
        }
        String finalStatus = status;
        OffsetDateTime nextAttempt = next;
        try {
            return transaction.execute(tx -> {
                int updated = jdbc.sql("""
                                update webhook_events
                                set status = :status, attempt_count = :number, next_attempt_at = :next,
                                    next_trigger = 'SCHEDULED', claim_token = null,
                                    completed_at = case when :status in ('SUCCEEDED', 'FAILED') then :now end
                                where id = :id and claim_token = :token
                                """)
                        .param("status", finalStatus).param("number", number).param("next", nextAttempt)
                        .param("now", at).param("id", event.id()).param("token", event.claimToken())
                        .update();
                if (updated != 1) {
                    return new Recorded(false, null);
                }
                insertAttempt(event, attempt, number);
                updateHealth(event.receiverId(), attempt.outcome(), at);
                return new Recorded(true, finalStatus);
            });
        } catch (RuntimeException e) {
            log.error("Could not record attempt {} of event {}; it will be retried when its lease ends",
                    number, event.id(), e);
            return new Recorded(false, null);
        }
    }

    private void insertAttempt(ClaimedEvent event, Attempt attempt, int number) {
        var statement = jdbc.sql("""
                        insert into webhook_attempts (event_id, number, trigger, started_at, duration_ms, response_status,
                                                      response_headers, response_body, error_kind, error)
                        values (:event, :number, :trigger, :started, :duration, :status, :headers, :body, :kind, :error)
                        """)
                .param("event", event.id()).param("number", number).param("trigger", event.trigger())
                .param("started", attempt.startedAt().atOffset(ZoneOffset.UTC))
                .param("duration", (int) Math.min(Integer.MAX_VALUE, attempt.duration().toMillis()));
        switch (attempt.outcome()) {
            case DeliveryOutcome.Delivered d -> statement.param("status", d.status())
                    .param("headers", d.responseHeaders()).param("body", d.responseBody())
                    .param("kind", null).param("error", null);
            case DeliveryOutcome.Failed f -> statement.param("status", f.status())
                    .param("headers", f.responseHeaders()).param("body", f.responseBody())
                    .param("kind", f.kind().name()).param("error", f.error());
        }
        statement.update();
    }

    private void updateHealth(long receiverId, DeliveryOutcome outcome, OffsetDateTime now) {
        if (outcome instanceof DeliveryOutcome.Failed failed) {
            boolean gone = failed.status() != null && failed.status() == 410;
            jdbc.sql("""
                            update webhook_receivers
                            set consecutive_failures = consecutive_failures + 1,
                                failing_since = coalesce(failing_since, :now),
                                last_failure_at = :now,
                                active = active and not (:gone or coalesce(failing_since, :now) <= :disableBefore),
                                disabled_reason = case
                                    when not active then disabled_reason
                                    when :gone then 'The receiver answered 410 Gone at ' || to_char(:now at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
                                    when coalesce(failing_since, :now) <= :disableBefore then
                                        'Every delivery failed since ' || to_char(coalesce(failing_since, :now) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
                                    else disabled_reason end
                            where id = :id
                            """)
                    .param("now", now).param("gone", gone).param("disableBefore", now.minus(autoDisableAfter))
                    .param("id", receiverId).update();
        } else {
            // On the happy path the row is written at most once a second, so that many concurrent
            // successes to one receiver don't queue on its row lock.
            jdbc.sql("""
                            update webhook_receivers
                            set consecutive_failures = 0, failing_since = null, last_success_at = :now
                            where id = :id and (consecutive_failures <> 0 or failing_since is not null
                                                or last_success_at is null or last_success_at < :now - interval '1 second')
                            """)
                    .param("now", now).param("id", receiverId).update();
        }
    }
}
