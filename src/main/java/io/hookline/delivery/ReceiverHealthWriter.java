package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes what recorded tries say about a receiver: its failure streak, last success and failure,
 * and switches it off when it answered 410 Gone or failed for longer than {@code autoDisableAfter}
 * (docs/receiving.md, "Retries").
 */
@Repository
class ReceiverHealthWriter {

    private final JdbcClient jdbc;
    private final Duration autoDisableAfter;

    ReceiverHealthWriter(JdbcClient jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.autoDisableAfter = properties.autoDisableAfter();
    }

    void update(long receiverId, ReceiverHealth health, Instant now) {
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
