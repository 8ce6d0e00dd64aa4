package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver that hangs, or fails everything, delays only its own events. */
class ReceiverIsolationTest extends IntegrationTest {

    @Test
    void a_hanging_and_a_failing_receiver_do_not_hold_up_a_healthy_one() {
        try (TestReceiver hanging = TestReceiver.http().answer(Reply.hang());
             TestReceiver failing = TestReceiver.http().answer(Reply.status(500));
             TestReceiver healthy = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(hanging.url("/h")).id(), "RUNS", "CREATE");
            webhooks.subscribe(webhooks.receiver(failing.url("/f")).id(), "RUNS", "CREATE");
            webhooks.subscribe(webhooks.receiver(healthy.url("/ok")).id(), "RUNS", "CREATE");

            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 100) n")
                    .param("org", tenant.organizationId()).update();

            // The hanging receiver's sends each take the whole 2 s request timeout; the healthy
            // receiver's 100 events must all arrive while at most the first two rounds of those hang.
            List<ReceivedRequest> delivered = healthy.awaitRequests(100, Duration.ofSeconds(30));
            Instant healthyDone = delivered.getLast().arrivedAt();
            long hangingSoFar = hanging.requests().stream().filter(r -> !r.arrivedAt().isAfter(healthyDone)).count();
            assertThat(hangingSoFar).as("per-receiver cap: at most 8 hanging sends at once, two rounds at most")
                    .isLessThanOrEqualTo(16);
            assertThat(maxInAnyWindow(hanging.requests(), Duration.ofMillis(1500)))
                    .as("never more than 8 concurrent sends to one receiver").isLessThanOrEqualTo(8);
            assertThat(failing.requests()).isNotEmpty();
        }
    }

    private static int maxInAnyWindow(List<ReceivedRequest> requests, Duration window) {
        int max = 0;
        for (ReceivedRequest start : requests) {
            int count = (int) requests.stream().filter(r -> !r.arrivedAt().isBefore(start.arrivedAt())
                    && r.arrivedAt().isBefore(start.arrivedAt().plus(window))).count();
            max = Math.max(max, count);
        }
        return max;
    }
}
