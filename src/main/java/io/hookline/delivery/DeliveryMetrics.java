package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivery's numbers for Prometheus: attempts by outcome, commit-to-delivery latency, and the due
 * queue's depth and age (read from the database at most every few seconds, whatever the scrape rate).
 */
@Component
class DeliveryMetrics {

    private static final Duration QUEUE_REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry meters;
    private final Timer latency;
    private final JdbcClient jdbc;
    private final InstantSource clock;
    private final AtomicReference<QueueState> queue = new AtomicReference<>(new QueueState(0, 0, Instant.EPOCH));

    private record QueueState(long due, double oldestAgeSeconds, Instant readAt) {
    }

    DeliveryMetrics(MeterRegistry meters, JdbcClient jdbc, InstantSource clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        this.latency = Timer.builder("hookline.delivery.latency")
                .description("From the change in the database to its successful delivery")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("hookline.events.due", () -> queueState().due())
                .description("Events due for delivery now, of active receivers and subscriptions").register(meters);
        Gauge.builder("hookline.events.oldest.due.age", () -> queueState().oldestAgeSeconds())
                .description("Seconds the oldest due event has been waiting").baseUnit("seconds").register(meters);
    }

    void attempted(Attempt attempt, ClaimedEvent event, Instant now) {
        String outcome = switch (attempt.outcome()) {
            case DeliveryOutcome.Delivered d -> "delivered";
            case DeliveryOutcome.Failed f -> f.kind().name().toLowerCase(Locale.ROOT);
        };
        Counter.builder("hookline.delivery.attempts").description("Delivery attempts by outcome")
                .tag("outcome", outcome).register(meters).increment();
        if (attempt.outcome() instanceof DeliveryOutcome.Delivered && !event.test()) {
            latency.record(Duration.between(event.occurredAt().toInstant(), now));
        }
    }

    private QueueState queueState() {
        QueueState current = queue.get();
        Instant now = clock.instant();
        if (Duration.between(current.readAt(), now).compareTo(QUEUE_REFRESH) < 0) {
            return current;
        }
        QueueState fresh = jdbc.sql("""
                        select count(*) as due, coalesce(extract(epoch from (:now - min(d.next_attempt_at))), 0) as age
                        from webhook_deliveries d
                        join webhook_receivers r on r.id = d.receiver_id and r.active
                        where d.status in ('PENDING', 'RETRYING') and d.next_attempt_at <= :now
                          and (d.leased_until is null or d.leased_until <= :now)
                          -- Switched off on purpose: their events wait, and are not late.
                          and not exists (select 1 from webhook_subscriptions s
                                          where s.id = d.subscription_id and not s.active)
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new QueueState(rs.getLong("due"), rs.getDouble("age"), now))
                .single();
        queue.set(fresh);
        return fresh;
    }
}
