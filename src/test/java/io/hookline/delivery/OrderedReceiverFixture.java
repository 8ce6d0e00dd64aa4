package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One receiver whose events a test makes due by hand and claims itself: no workers run, so nothing
 * but the test claims or records them.
 */
@TestPropertySource(properties = "hookline.roles=api")
abstract class OrderedReceiverFixture extends IntegrationTest {

    @Autowired
    DueEventClaimer claimer;

    long receiver;

    @BeforeEach
    void aReceiver() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
    }

    /** Events of the receiver with these order keys (null: unordered), in this order, all due. */
    void due(String... keys) {
        DeliveryOrder.due(jdbc, tenant.organizationId(), receiver, keys);
    }

    /** What one claim of up to 100 events (100 a receiver) takes, in id order. */
    List<ClaimedEvent> claim() {
        return claimer.claim(UUID.randomUUID(), Instant.now(), Duration.ofSeconds(30), 100, 100, Set.of(), new Long[0])
                .stream().sorted(Comparator.comparingLong(ClaimedEvent::id)).toList();
    }
}
