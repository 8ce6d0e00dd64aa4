package io.hookline.delivery;

import java.time.Duration;
import java.util.List;

import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ordering PER_ROW and ALL (docs/delivery-controls.md), delivered by this application's own worker. */
@TestPropertySource(properties = {"hookline.delivery.retry-schedule=50ms,50ms,50ms,50ms,50ms",
        "hookline.delivery.poll-interval=100ms"})
class DeliveryOrderingTest extends IntegrationTest {

    private static final int ROWS = 12;
    private static final int UPDATES = 4;
    private static final int EVENTS = ROWS * (UPDATES + 1);
    private static final Duration ANSWER_AFTER = Duration.ofMillis(30);

    private long orderedReceiver(TestReceiver receiver, String ordering) {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long id = webhooks.receiver(receiver.url("/hooks"), "ordering", ordering).id();
        webhooks.subscribe(id, "RUNS", "CREATE");
        webhooks.subscribe(id, "RUNS", "UPDATE");
        return id;
    }

    private long count(String status) {
        return jdbc.sql("select count(*) from webhook_events where status = :s").param("s", status)
                .query(Long.class).single();
    }

    /**
     * Answers after a moment, so that sends to different rows overlap at the receiver when the order
     * lets them (an instant answer makes overlap a matter of luck), and fails every seventh request.
     */
    private static TestReceiver failingEverySeventh() {
        TestReceiver receiver = TestReceiver.http();
        receiver.answer(Reply.status(200).after(ANSWER_AFTER));
        for (int n = 7; n <= 2000; n += 7) {
            receiver.answer(n, Reply.status(500).after(ANSWER_AFTER));
        }
        return receiver;
    }

    private List<ReceivedRequest> deliverAll(TestReceiver receiver) {
        await().atMost(Duration.ofMinutes(1)).until(() -> count("SUCCEEDED") == EVENTS);
        return receiver.requests();
    }

    @Test
    void per_row_events_of_one_row_arrive_one_at_a_time_in_change_order_though_every_seventh_try_fails() {
        try (TestReceiver receiver = failingEverySeventh()) {
            orderedReceiver(receiver, "PER_ROW");
            DeliveryOrder.changes(jdbc, tenant.organizationId(), ROWS, UPDATES);
            List<ReceivedRequest> requests = deliverAll(receiver);
            assertThat(requests.size()).as("failed tries were retried").isGreaterThan(EVENTS);
            DeliveryOrder.assertInOrderPerRow(requests);
            assertThat(receiver.mostInFlight()).as("other rows go on meanwhile").isGreaterThan(1);
        }
    }

    @Test
    void all_events_of_the_receiver_arrive_one_at_a_time_in_change_order_though_every_seventh_try_fails() {
        try (TestReceiver receiver = failingEverySeventh()) {
            orderedReceiver(receiver, "ALL");
            DeliveryOrder.changes(jdbc, tenant.organizationId(), ROWS, UPDATES);
            List<ReceivedRequest> requests = deliverAll(receiver);
            assertThat(requests.size()).as("failed tries were retried").isGreaterThan(EVENTS);
            DeliveryOrder.assertInOrderOverAll(requests);
            assertThat(receiver.mostInFlight()).isEqualTo(1);
        }
    }

    @Test
    void an_event_that_ends_failed_releases_the_next_of_its_row() {
        try (TestReceiver receiver = TestReceiver.http()) {
            for (int n = 1; n <= 6; n++) {
                receiver.answer(n, Reply.status(500)); // every try of the first event: 1 + 5 retries
            }
            orderedReceiver(receiver, "PER_ROW");
            DeliveryOrder.changes(jdbc, tenant.organizationId(), 1, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SUCCEEDED") == 2 && count("FAILED") == 1);
            List<DeliveryOrder.Arrival> arrivals = DeliveryOrder.arrivals(receiver.requests());
            assertThat(arrivals).hasSize(8);
            assertThat(arrivals.subList(0, 6)).extracting(DeliveryOrder.Arrival::eventId).containsOnly(arrivals.getFirst().eventId());
            assertThat(arrivals.get(6).eventId()).isGreaterThan(arrivals.getFirst().eventId());
            DeliveryOrder.assertInOrderPerRow(receiver.requests());
        }
    }

    @Test
    void an_ordered_backlog_of_a_paused_receiver_goes_out_in_order_once_it_is_resumed() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(1, Reply.status(200).after(Duration.ofMillis(800)));
            long id = orderedReceiver(receiver, "PER_ROW");
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            DeliveryOrder.changes(jdbc, tenant.organizationId(), ROWS, UPDATES);
            receiver.awaitRequests(1, Duration.ofSeconds(10));
            webhooks.setReceiverActive(id, false);
            // What was claimed before the pause may still go out; then nothing, for a whole second.
            int[] last = {-1};
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int now = receiver.requests().size();
                boolean same = now == last[0];
                last[0] = now;
                return same;
            });
            assertThat(count("PENDING")).as("the backlog waits while paused").isGreaterThan(0);

            webhooks.setReceiverActive(id, true);
            List<ReceivedRequest> requests = deliverAll(receiver);
            assertThat(requests).hasSize(EVENTS);
            DeliveryOrder.assertInOrderPerRow(requests);
        }
    }
}
