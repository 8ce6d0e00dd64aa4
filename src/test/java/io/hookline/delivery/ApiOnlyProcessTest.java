package io.hookline.delivery;

import java.time.Duration;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A process with only the {@code api} role serves the API and leaves fan-out and delivery to workers. */
@TestPropertySource(properties = "hookline.roles=api")
class ApiOnlyProcessTest extends IntegrationTest {

    @Test
    void an_api_only_process_fans_out_nothing_and_delivers_nothing() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.subscribedReceiver(receiver.url("/hooks"), "RUNS", "CREATE");
            webhooks.insertRun("left for a worker");
            webhooks.sendTestEvent(receiverId);

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().isEmpty());
            assertThat(jdbc.sql("select count(*) from change_log").query(Long.class).single())
                    .as("the change waits for a worker's fan-out").isEqualTo(1);
            assertThat(jdbc.sql("select status from webhook_events").query(String.class).list())
                    .as("only the test event, never sent").containsExactly("PENDING");
        }
    }
}
