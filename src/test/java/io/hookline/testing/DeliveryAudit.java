package io.hookline.testing;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The at-least-once checks of the fault tests: after a stop or a restart, every event arrives, once. */
public final class DeliveryAudit {

    private DeliveryAudit() {
    }

    /**
     * Waits until all {@code events} succeeded, then checks that the receiver got each webhook id
     * exactly once and that every request it got is an attempt in the audit trail.
     */
    public static void awaitEachDeliveredOnce(JdbcClient jdbc, TestReceiver receiver, int events, Duration atMost) {
        await().atMost(atMost).until(() -> jdbc.sql(
                "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == events);
        Map<String, Long> perId = receiver.requests().stream()
                .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertThat(perId).hasSize(events);
        assertThat(perId.values()).as("no webhook delivered twice").containsOnly(1L);
        assertThat(jdbc.sql("select count(*) from webhook_attempts").query(Long.class).single())
                .as("every request sent is in the audit trail").isEqualTo(receiver.requests().size());
    }
}
