package io.hookline.delivery;

import java.time.Duration;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The due gauge counts what is late, not what waits on purpose: events of paused receivers and of
 * paused subscriptions are left out. This application runs no workers, so nothing is claimed meanwhile.
 */
@TestPropertySource(properties = "hookline.roles=api")
class DueGaugeTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    private void dueEvents(long receiverId, Long subscriptionId, int count) {
        jdbc.sql("""
                        with payload as (
                            insert into webhook_event_payloads (organization_id, receiver_id, subscription_id, body,
                                                                occurred_at, created_at)
                            select :org, :r, :s, '{}', now(), now() from generate_series(1, :n)
                            returning id, receiver_id, subscription_id)
                        insert into webhook_deliveries (event_id, receiver_id, subscription_id, next_attempt_at)
                        select id, receiver_id, subscription_id, now() - interval '1 minute' from payload
                        """)
                .param("org", tenant.organizationId()).param("r", receiverId).param("s", subscriptionId)
                .param("n", count).update();
    }

    @Test
    void events_of_paused_receivers_and_subscriptions_are_not_counted_as_due() {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long active = webhooks.receiver("http://127.0.0.1:9/active").id();
        long paused = webhooks.receiver("http://127.0.0.1:9/paused").id();
        long withPausedSubscription = webhooks.receiver("http://127.0.0.1:9/paused-subscription").id();
        long pausedSubscription = webhooks.subscribe(withPausedSubscription, "RUNS", "CREATE");
        jdbc.sql("update webhook_subscriptions set active = false where id = :id").param("id", pausedSubscription)
                .update();
        webhooks.setReceiverActive(paused, false);
        dueEvents(active, null, 3);
        dueEvents(paused, null, 2);
        dueEvents(withPausedSubscription, pausedSubscription, 4);

        // The gauge reads the database at most every few seconds.
        await().atMost(Duration.ofSeconds(15)).until(() -> meters.get("hookline.events.due").gauge().value() == 3);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> meters.get("hookline.events.oldest.due.age").gauge().value() >= 60);
    }
}
