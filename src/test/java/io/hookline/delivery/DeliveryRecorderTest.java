package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Recording finished tries on its own, against real PostgreSQL; this application runs no workers. */
@TestPropertySource(properties = "hookline.roles=api")
class DeliveryRecorderTest extends IntegrationTest {

    @Autowired
    DueEventClaimer claimer;
    @Autowired
    DeliveryRecorder recorder;
    @Autowired
    DeliveryMetrics metrics;

    private long receiverId;

    @BeforeEach
    void receiverWithThreeDueEvents() {
        receiverId = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
        jdbc.sql("""
                        with payload as (
                            insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                            select :org, :r, '{}', now(), now() from generate_series(1, 3)
                            returning id, receiver_id)
                        insert into webhook_deliveries (event_id, receiver_id, next_attempt_at)
                        select id, receiver_id, now() - interval '1 second' from payload
                        """)
                .param("org", tenant.organizationId()).param("r", receiverId).update();
    }

    private static FinishedTry delivered(ClaimedEvent event, Instant at) {
        return new FinishedTry(event, new Attempt(at, Duration.ofMillis(5),
                new DeliveryOutcome.Delivered(200, "content-type: text/plain", "ok")));
    }

    private static FinishedTry failed(ClaimedEvent event, Instant at) {
        return new FinishedTry(event, new Attempt(at, Duration.ofMillis(5),
                new DeliveryOutcome.Failed(500, DeliveryOutcome.ErrorKind.BAD_RESPONSE, "HTTP 500", null, "", "")));
    }

    private String status(long event) {
        return jdbc.sql("select status from webhook_deliveries where event_id = :id").param("id", event)
                .query(String.class).single();
    }

    @Test
    void a_batch_records_each_outcome_its_attempt_and_the_receivers_health_and_clears_the_claims() {
        Instant now = Instant.now();
        List<ClaimedEvent> claimed = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(30), 10, 10, Set.of(),
                new Long[0]);
        assertThat(claimed).hasSize(3);

        Set<Long> recorded = recorder.record(List.of(delivered(claimed.get(0), now), failed(claimed.get(1), now.plusMillis(5)),
                failed(claimed.get(2), now.plusMillis(10))), now.plusSeconds(1));

        assertThat(recorded).hasSize(3);
        assertThat(status(claimed.get(0).id())).isEqualTo("SUCCEEDED");
        assertThat(status(claimed.get(1).id())).isEqualTo("RETRYING");
        assertThat(jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where claim_token is null and leased_until is null and attempt_count = 1
                        """).query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where status = 'RETRYING' and next_attempt_at > now()")
                .query(Long.class).single()).as("retried on schedule").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from webhook_attempts where number = 1 and trigger = 'SCHEDULED'")
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select consecutive_failures from webhook_receivers where id = :id").param("id", receiverId)
                .query(Integer.class).single()).as("the two failures after the success").isEqualTo(2);
    }

    @Test
    void a_try_whose_claim_was_taken_over_is_not_recorded_but_one_whose_lease_merely_ran_out_is() {
        Instant now = Instant.now();
        List<ClaimedEvent> old = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(1), 10, 10, Set.of(),
                new Long[0]);
        List<ClaimedEvent> takenOver = claimer.claim(UUID.randomUUID(), now.plusSeconds(2), Duration.ofSeconds(30), 1, 1,
                Set.of(), new Long[0]);
        assertThat(takenOver).hasSize(1);
        ClaimedEvent lost = old.stream().filter(e -> e.id() == takenOver.getFirst().id()).findFirst().orElseThrow();
        ClaimedEvent expiredButOurs = old.stream().filter(e -> e.id() != lost.id()).findFirst().orElseThrow();

        Set<Long> recorded = recorder.record(List.of(delivered(lost, now), delivered(expiredButOurs, now)),
                now.plusSeconds(3));

        assertThat(recorded).containsExactly(expiredButOurs.id());
        assertThat(status(lost.id())).isEqualTo("PENDING");
        assertThat(status(expiredButOurs.id())).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("select count(*) from webhook_attempts").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_stale_try_of_an_event_in_the_same_batch_as_its_holders_try_leaves_only_the_holders_attempt() {
        Instant now = Instant.now();
        ClaimedEvent held = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(30), 1, 1, Set.of(),
                new Long[0]).getFirst();
        ClaimedEvent stale = new ClaimedEvent(held.id(), held.organizationId(), held.receiverId(), held.body(),
                held.attemptCount(), held.trigger(), held.occurredAt(), held.test(), UUID.randomUUID(), false);

        Set<Long> recorded = recorder.record(List.of(failed(stale, now), delivered(held, now.plusMillis(5))),
                now.plusSeconds(1));

        assertThat(recorded).containsExactly(held.id());
        assertThat(status(held.id())).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("select response_status from webhook_attempts").query(Integer.class).list())
                .containsExactly(200);
    }

    @Test
    void a_response_with_nul_characters_is_recorded_with_them_replaced() {
        Instant now = Instant.now();
        ClaimedEvent event = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(30), 1, 1, Set.of(),
                new Long[0]).getFirst();

        recorder.record(List.of(new FinishedTry(event, new Attempt(now, Duration.ofMillis(5),
                new DeliveryOutcome.Failed(500, DeliveryOutcome.ErrorKind.BAD_RESPONSE, "HTTP 500\u0000", null,
                        "x-odd: a\u0000b\n", "bo\u0000dy")))), now.plusSeconds(1));

        assertThat(status(event.id())).isEqualTo("RETRYING");
        assertThat(jdbc.sql("select response_body from webhook_attempts").query(String.class).single())
                .isEqualTo("bo\uFFFDdy");
    }

    @Test
    void a_try_the_database_refuses_does_not_hold_up_the_others_recorded_with_it() {
        Instant now = Instant.now();
        List<ClaimedEvent> claimed = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(30), 2, 2, Set.of(),
                new Long[0]);
        ClaimedEvent good = claimed.get(0);
        ClaimedEvent refused = claimed.get(1);
        ClaimedEvent unknownTrigger = new ClaimedEvent(refused.id(), refused.organizationId(), refused.receiverId(),
                refused.body(), refused.attemptCount(), "NO SUCH TRIGGER", refused.occurredAt(), refused.test(),
                refused.claimToken(), false);

        try (RecordingQueue queue = new RecordingQueue(recorder, metrics, Clock.systemUTC(), () -> { })) {
            queue.held().hold(List.of(good, unknownTrigger), now);
            queue.add(failed(unknownTrigger, now));
            queue.add(delivered(good, now));
            await().atMost(Duration.ofSeconds(10)).until(() -> status(good.id()).equals("SUCCEEDED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.held().size() == 0);
        }
        assertThat(status(refused.id())).as("sent again when its lease ends").isEqualTo("PENDING");
    }

    @Test
    void a_recorded_batch_wakes_the_claim_since_an_ordered_receivers_next_event_waits_for_this_outcome() {
        Instant now = Instant.now();
        ClaimedEvent event = claimer.claim(UUID.randomUUID(), now, Duration.ofSeconds(30), 1, 1, Set.of(),
                new Long[0]).getFirst();
        java.util.concurrent.atomic.AtomicInteger rung = new java.util.concurrent.atomic.AtomicInteger();
        try (RecordingQueue queue = new RecordingQueue(recorder, metrics, Clock.systemUTC(), rung::incrementAndGet)) {
            queue.held().hold(List.of(event), now);
            queue.add(delivered(event, now));
            await().atMost(Duration.ofSeconds(10)).until(() -> rung.get() == 1);
        }
        assertThat(status(event.id())).isEqualTo("SUCCEEDED");
    }
}
