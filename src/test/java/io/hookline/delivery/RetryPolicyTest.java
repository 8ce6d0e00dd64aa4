package io.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import io.hookline.delivery.DeliveryOutcome.Failed;

class RetryPolicyTest {

    /** nextDouble() is 0: the lowest jitter. */
    private static final RandomGenerator LOWEST = () -> 0L;
    /** nextDouble() is just under 1: the highest jitter. */
    private static final RandomGenerator HIGHEST = () -> -1L;
    /** nextDouble() is 0.5: no jitter. */
    private static final RandomGenerator MIDDLE = () -> 1L << 63;

    private static final Failed SERVER_ERROR = badResponse(500, null);
    private static final Failed REFUSED = new Failed(null, ErrorKind.CONNECTION_REFUSED, "refused", null, null, null);

    @Test
    void each_failed_try_waits_the_scheduled_delay_for_its_number() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), MIDDLE);

        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(policy.delayAfter(attempt, SERVER_ERROR))
                    .contains(TestDeliveryProperties.DEFAULT_SCHEDULE.get(attempt - 1));
        }
        assertThat(policy.delayAfter(1, REFUSED)).contains(Duration.ofSeconds(5));
    }

    @Test
    void jitter_stays_within_twenty_percent_either_side() {
        var properties = TestDeliveryProperties.defaults();

        assertThat(new RetryPolicy(properties, LOWEST).delayAfter(1, SERVER_ERROR)).contains(Duration.ofSeconds(4));
        assertThat(new RetryPolicy(properties, HIGHEST).delayAfter(1, SERVER_ERROR)).contains(Duration.ofSeconds(6));
        assertThat(new RetryPolicy(properties, LOWEST).delayAfter(10, SERVER_ERROR))
                .contains(Duration.ofHours(24).multipliedBy(8).dividedBy(10));
        assertThat(new RetryPolicy(properties, HIGHEST).delayAfter(10, SERVER_ERROR))
                .contains(Duration.ofHours(24).multipliedBy(12).dividedBy(10));
    }

    @Test
    void jitter_spreads_retries_across_the_whole_range() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), RandomGenerator.of("L64X128MixRandom"));

        var delays = java.util.stream.IntStream.range(0, 2000)
                .mapToObj(i -> policy.delayAfter(2, SERVER_ERROR).orElseThrow()).toList();

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(25)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(35)));
    }

    @Test
    void after_the_last_scheduled_delay_the_event_fails() {
        RetryPolicy policy = new RetryPolicy(
                TestDeliveryProperties.retrying(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                        Duration.ofHours(1)), MIDDLE);

        assertThat(policy.delayAfter(2, SERVER_ERROR)).contains(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(3, SERVER_ERROR)).isEmpty();
        assertThat(policy.delayAfter(4, SERVER_ERROR)).isEmpty();
    }

    @Test
    void retry_after_on_429_and_503_replaces_the_schedule_without_jitter() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), LOWEST);

        assertThat(policy.delayAfter(1, badResponse(429, Duration.ofSeconds(7)))).contains(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(3, badResponse(503, Duration.ofMinutes(20)))).contains(Duration.ofMinutes(20));
    }

    @Test
    void retry_after_is_bounded_by_max_retry_after_and_at_least_one_second() {
        RetryPolicy policy = new RetryPolicy(
                TestDeliveryProperties.retrying(TestDeliveryProperties.DEFAULT_SCHEDULE, Duration.ofMinutes(10)),
                LOWEST);

        assertThat(policy.delayAfter(1, badResponse(429, Duration.ofDays(3)))).contains(Duration.ofMinutes(10));
        assertThat(policy.delayAfter(1, badResponse(503, Duration.ZERO))).contains(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1, badResponse(503, Duration.ofMillis(300)))).contains(Duration.ofSeconds(1));
    }

    @Test
    void retry_after_on_other_statuses_is_ignored() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), MIDDLE);

        assertThat(policy.delayAfter(1, badResponse(500, Duration.ofMinutes(20)))).contains(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1, badResponse(302, Duration.ofMinutes(20)))).contains(Duration.ofSeconds(5));
    }

    @Test
    void a_429_without_retry_after_follows_the_schedule() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), MIDDLE);

        assertThat(policy.delayAfter(2, badResponse(429, null))).contains(Duration.ofSeconds(30));
    }

    @Test
    void retry_after_still_uses_up_the_schedule() {
        RetryPolicy policy = new RetryPolicy(
                TestDeliveryProperties.retrying(List.of(Duration.ofSeconds(5)), Duration.ofHours(1)), MIDDLE);

        assertThat(policy.delayAfter(1, badResponse(429, Duration.ofSeconds(7)))).contains(Duration.ofSeconds(7));
        assertThat(policy.delayAfter(2, badResponse(429, Duration.ofSeconds(7)))).isEmpty();
    }

    @Test
    void attempt_numbers_start_at_one() {
        RetryPolicy policy = new RetryPolicy(TestDeliveryProperties.defaults(), MIDDLE);

        assertThatThrownBy(() -> policy.delayAfter(0, SERVER_ERROR)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Failed badResponse(int status, Duration retryAfter) {
        return new Failed(status, ErrorKind.BAD_RESPONSE, "expected 200, got " + status, retryAfter, "", "");
    }
}
