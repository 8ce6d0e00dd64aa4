package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.hookline.capture.Wakeup;
import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under {@code ALL} the worker sends a claimed run one event after the other, each only once the one
 * before was delivered (docs/delivery-controls.md, "A run at a time"); a fake sender, no workers of
 * the application's own.
 */
@TestPropertySource(properties = "hookline.roles=api")
class ReceiverOrderRunTest extends IntegrationTest {

    @Autowired
    DeliveryStore store;
    @Autowired
    DeliveryRecorder recorder;
    @Autowired
    DeliveryMetrics metrics;

    private final List<Long> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile long failing = -1;
    private volatile long answerMillis = 5;
    private long receiver;

    @BeforeEach
    void aReceiver() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
    }

    /** Answers after {@link #answerMillis}; the event {@link #failing} gets a 500. */
    private Attempt send(DeliveryRequest request) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(answerMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sent.add(request.eventId());
        inFlight.decrementAndGet();
        DeliveryOutcome outcome = request.eventId() == failing
                ? new DeliveryOutcome.Failed(500, ErrorKind.BAD_RESPONSE, "HTTP 500", null, "", "")
                : new DeliveryOutcome.Delivered(200, "", "");
        return new Attempt(Instant.now(), Duration.ofMillis(5), outcome);
    }

    private DeliveryWorker worker() {
        return new DeliveryWorker(store, this::send, new RecordingQueue(recorder, metrics, Clock.systemUTC(), () -> { }),
                TestDeliveryProperties.defaults(), Clock.systemUTC(), new Wakeup());
    }

    private void due(int events) {
        String[] keys = new String[events];
        java.util.Arrays.fill(keys, ClaimedEvent.WHOLE_RECEIVER);
        DeliveryOrder.due(jdbc, tenant.organizationId(), receiver, keys);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void a_run_goes_out_one_request_at_a_time_in_event_order_and_the_next_run_follows() {
        due(40); // more than one run: the default cap 8 claims 32 ahead
        try (DeliveryWorker worker = worker()) {
            worker.dispatchBatch();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count("select count(*) from webhook_deliveries where status = 'SUCCEEDED'") == 40);
        }
        assertThat(sent).hasSize(40).isSorted();
        assertThat(mostInFlight.get()).isEqualTo(1);
        assertThat(count("select count(*) from webhook_attempts")).isEqualTo(40);
    }

    @Test
    void a_try_that_fails_stops_its_run_and_gives_the_rest_back_unsent() {
        due(6);
        failing = 3;
        try (DeliveryWorker worker = worker()) {
            worker.dispatchBatch();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("select count(*) from webhook_deliveries where status = 'RETRYING'") == 1
                            && count("select count(*) from webhook_deliveries where claim_token is not null") == 0);
            worker.dispatchBatch();
        }
        assertThat(sent).containsExactly(1L, 2L, 3L);
        assertThat(jdbc.sql("select status from webhook_deliveries order by event_id").query(String.class).list())
                .containsExactly("SUCCEEDED", "SUCCEEDED", "RETRYING", "PENDING", "PENDING", "PENDING");
    }

    @Test
    void a_run_that_has_gone_on_for_a_second_gives_the_rest_back_so_that_a_pause_takes_effect() {
        due(4);
        answerMillis = 600;
        try (DeliveryWorker worker = worker()) {
            worker.dispatchBatch();
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() == 1);
            jdbc.sql("update webhook_receivers set active = false where id = :id").param("id", receiver).update();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("select count(*) from webhook_deliveries where status = 'SUCCEEDED'") == 2
                            && count("select count(*) from webhook_deliveries where claim_token is not null") == 0);
            worker.dispatchBatch();
        }
        assertThat(sent).containsExactly(1L, 2L);
    }
}
