package io.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import org.junit.jupiter.api.Test;

/** The pure step of recording: what a try makes of its event, and of its receiver's health. */
class TryOutcomeTest {

    /** nextDouble() is 0.5: no jitter. */
    private static final RandomGenerator MIDDLE = () -> 1L << 63;
    private static final RetryPolicy POLICY = new RetryPolicy(TestDeliveryProperties.defaults(), MIDDLE);
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void a_delivered_try_succeeds_the_event_now() {
        TryOutcome outcome = TryOutcome.of(delivered(event(1, 7, 0), NOW), POLICY, NOW);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(outcome.completedAt()).isEqualTo(NOW.atOffset(ZoneOffset.UTC));
        assertThat(outcome.nextAttemptAt()).isNull();
    }

    @Test
    void a_failed_try_with_retries_left_is_due_after_its_scheduled_delay_and_the_last_one_fails_the_event() {
        TryOutcome first = TryOutcome.of(failed(event(1, 7, 0), NOW, 500), POLICY, NOW);
        assertThat(first.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(first.nextAttemptAt()).isEqualTo(NOW.plus(TestDeliveryProperties.DEFAULT_SCHEDULE.getFirst())
                .atOffset(ZoneOffset.UTC));
        assertThat(first.completedAt()).isNull();

        int last = TestDeliveryProperties.DEFAULT_SCHEDULE.size();
        TryOutcome exhausted = TryOutcome.of(failed(event(1, 7, last), NOW, 500), POLICY, NOW);
        assertThat(exhausted.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(exhausted.completedAt()).isEqualTo(NOW.atOffset(ZoneOffset.UTC));
    }

    @Test
    void receiver_health_follows_the_order_tries_ended_and_lists_receivers_in_id_order() {
        var health = ReceiverHealth.of(List.of(
                failed(event(1, 9, 0), NOW.plusSeconds(3), 500),
                delivered(event(2, 9, 0), NOW.plusSeconds(1)),
                failed(event(3, 9, 0), NOW.plusSeconds(2), 410),
                delivered(event(4, 2, 0), NOW)));

        assertThat(health.keySet()).containsExactly(2L, 9L);
        ReceiverHealth nine = health.get(9L);
        assertThat(nine.lastSuccessAt()).isEqualTo(NOW.plusSeconds(1).plusMillis(5));
        assertThat(nine.failuresSinceSuccess()).isEqualTo(2);
        assertThat(nine.firstFailureSinceSuccess()).isEqualTo(NOW.plusSeconds(2).plusMillis(5));
        assertThat(nine.gone()).isTrue();
        assertThat(health.get(2L).failuresSinceSuccess()).isZero();
    }

    private static ClaimedEvent event(long id, long receiverId, int attemptCount) {
        return new ClaimedEvent(id, 1, receiverId, "{}", attemptCount, "SCHEDULED",
                OffsetDateTime.parse("2026-12-03T09:00:00Z"), false, UUID.randomUUID(), false);
    }

    private static FinishedTry delivered(ClaimedEvent event, Instant at) {
        return new FinishedTry(event, new Attempt(at, Duration.ofMillis(5), new DeliveryOutcome.Delivered(200, "", "ok")));
    }

    private static FinishedTry failed(ClaimedEvent event, Instant at, int status) {
        return new FinishedTry(event, new Attempt(at, Duration.ofMillis(5),
                new DeliveryOutcome.Failed(status, ErrorKind.BAD_RESPONSE, "HTTP " + status, null, "", "")));
    }
}
