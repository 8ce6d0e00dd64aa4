package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hookline.capture.Wakeup;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery worker with a fake sender, on real PostgreSQL: its caps per receiver and in all, and
 * a clean stop. This application runs no workers of its own.
 */
@TestPropertySource(properties = "hookline.roles=api")
class DeliveryWorkerTest extends IntegrationTest {

    private static final int PER_RECEIVER = 2;
    private static final int MAX_IN_FLIGHT = 3;

    @Autowired
    DeliveryStore store;
    @Autowired
    DueEventClaimer claimer;
    @Autowired
    DeliveryRecorder recorder;
    @Autowired
    DeliveryMetrics metrics;

    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> perReceiver = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostPerReceiver = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();

    /** Holds every send until {@link #answer} opens, counting what is in flight at once. */
    private Attempt send(DeliveryRequest request) {
        String receiver = request.webhookUri();
        int now = inFlight.incrementAndGet();
        int mine = perReceiver.computeIfAbsent(receiver, r -> new AtomicInteger()).incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        mostPerReceiver.computeIfAbsent(receiver, r -> new AtomicInteger()).accumulateAndGet(mine, Math::max);
        try {
            answer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        perReceiver.get(receiver).decrementAndGet();
        inFlight.decrementAndGet();
        sent.incrementAndGet();
        return new Attempt(Instant.now(), Duration.ofMillis(1), new DeliveryOutcome.Delivered(200, "", ""));
    }

    @BeforeEach
    void threeReceiversWithTenDueEventsEach() {
        // Due in turns, r0, r1, r2, r0, …: the oldest due events of a claim spread over the receivers.
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        java.time.OffsetDateTime base = java.time.OffsetDateTime.now().minusMinutes(1);
        for (int i = 0; i < 3; i++) {
            long receiver = webhooks.receiver("http://127.0.0.1:9/r" + i, "maxConcurrency", PER_RECEIVER).id();
            jdbc.sql("""
                            with payload as (
                                insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                                select :org, :r, '{}', now(), now() from generate_series(1, 10)
                                returning id, receiver_id)
                            insert into webhook_deliveries (event_id, receiver_id, next_attempt_at)
                            select id, receiver_id,
                                   cast(:base as timestamptz) + ((row_number() over (order by id)) * 3 + :turn) * interval '1 ms'
                            from payload
                            """)
                    .param("org", tenant.organizationId()).param("r", receiver).param("turn", i)
                    .param("base", base).update();
        }
    }

    private DeliveryWorker worker() {
        DeliveryProperties defaults = TestDeliveryProperties.defaults();
        DeliveryProperties properties = new DeliveryProperties(defaults.connectTimeout(), Duration.ofSeconds(5),
                defaults.retrySchedule(), defaults.maxRetryAfter(), defaults.responseBodyLimit(),
                MAX_IN_FLIGHT, defaults.batchSize(), Duration.ofSeconds(30), defaults.pollInterval(),
                defaults.autoDisableAfter(), defaults.secretOverlap());
        return new DeliveryWorker(store, this::send, new RecordingQueue(recorder, metrics, Clock.systemUTC(), () -> { }),
                properties, Clock.systemUTC(), new Wakeup());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void sends_stay_within_the_per_receiver_and_the_total_cap_and_every_try_is_recorded() {
        try (DeliveryWorker worker = worker()) {
            worker.dispatchBatch();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == MAX_IN_FLIGHT);
            } finally {
                answer.countDown();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                worker.dispatchBatch();
                return count("select count(*) from webhook_deliveries where status = 'SUCCEEDED'") == 30;
            });
        }
        assertThat(mostInFlight.get()).isEqualTo(MAX_IN_FLIGHT);
        assertThat(mostPerReceiver.values()).allSatisfy(most -> assertThat(most.get()).isLessThanOrEqualTo(PER_RECEIVER));
        assertThat(count("select count(*) from webhook_attempts")).isEqualTo(30);
        assertThat(sent.get()).isEqualTo(30);
    }

    @Test
    void a_stop_lets_the_sends_in_flight_finish_records_them_and_gives_back_the_claims_not_sent() throws Exception {
        DeliveryWorker worker = worker();
        Thread stop;
        try {
            worker.dispatchBatch();
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == MAX_IN_FLIGHT);
            assertThat(count("select count(*) from webhook_deliveries where claim_token is not null"))
                    .as("claimed ahead of the sends").isGreaterThan(MAX_IN_FLIGHT);
            stop = Thread.ofVirtual().start(worker::close);
            Thread.sleep(300);
        } finally {
            answer.countDown();
        }
        stop.join(Duration.ofSeconds(30));

        assertThat(stop.isAlive()).isFalse();
        assertThat(sent.get()).as("nothing new is sent once stopping").isEqualTo(MAX_IN_FLIGHT);
        assertThat(count("select count(*) from webhook_deliveries where status = 'SUCCEEDED'")).isEqualTo(MAX_IN_FLIGHT);
        assertThat(count("select count(*) from webhook_attempts")).isEqualTo(MAX_IN_FLIGHT);
        assertThat(count("select count(*) from webhook_deliveries where claim_token is not null"))
                .as("every claim not sent is given back").isZero();
        assertThat(worker.dispatchBatch()).as("a stopped worker claims nothing").isFalse();
        assertThat(List.of(count("select count(*) from webhook_deliveries where status = 'PENDING'")))
                .containsExactly(30L - MAX_IN_FLIGHT);
    }
}
