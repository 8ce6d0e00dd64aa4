package io.hookline.delivery;

import java.time.Duration;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under ordering ALL an event becomes claimable only once the previous one's outcome is committed
 * (docs/delivery-controls.md): recording it must wake the claim, not the next poll, which is an hour
 * away here.
 */
@TestPropertySource(properties = "hookline.delivery.poll-interval=1h")
class OrderedWakeupTest extends IntegrationTest {

    private static final int EVENTS = 50;

    @Test
    void each_recorded_outcome_of_an_ordered_receiver_lets_its_next_event_go_out_without_waiting_for_a_poll() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(Reply.status(200));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long id = webhooks.receiver(receiver.url("/hooks"), "ordering", "ALL").id();
            webhooks.subscribe(id, "RUNS", "CREATE");
            for (int i = 0; i < EVENTS; i++) {
                jdbc.sql("insert into runs (organization_id, title) values (:o, :t)")
                        .param("o", tenant.organizationId()).param("t", "run " + i).update();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == EVENTS);
            assertThat(receiver.requests()).hasSize(EVENTS);
        }
    }
}
