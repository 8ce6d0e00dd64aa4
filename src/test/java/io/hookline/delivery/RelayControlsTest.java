package io.hookline.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A relay receiver's delivery controls hold for what its relay clients pull (docs/delivery-controls.md). */
@TestPropertySource(properties = "hookline.roles=api")
class RelayControlsTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    RelayHandoff handoff;

    private long receiver;

    @BeforeEach
    void aRelayReceiverWithTwentyDueEvents() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
        jdbc.sql("update webhook_receivers set relay = true, webhook_uri = null, relay_token_hash = 'test' where id = :r").param("r", receiver).update();
        jdbc.sql("""
                        with payload as (
                            insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                            select :org, :r, '{}', now(), now() from generate_series(1, 20)
                            returning id, receiver_id)
                        insert into webhook_deliveries (event_id, receiver_id, next_attempt_at)
                        select id, receiver_id, now() - interval '1 minute' from payload
                        """)
                .param("org", tenant.organizationId()).param("r", receiver).update();
    }

    @Test
    void clients_pulling_at_once_never_hold_more_unanswered_events_than_eight_rounds_of_max_concurrency() throws Exception {
        set("max_concurrency", 2);
        List<Future<List<RelayHandoff.Handed>>> pulls = new ArrayList<>();
        try (var clients = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                pulls.add(clients.submit((Callable<List<RelayHandoff.Handed>>) () -> handoff.claim(receiver, 10, LEASE)));
            }
        }
        int handed = 0;
        for (var pull : pulls) {
            handed += pull.get().size();
        }
        // Clients pull a few rounds ahead and forward only their share of the two at once (docs/relay.md).
        assertThat(handed).isEqualTo(2 * RelayClaims.ROUNDS_AHEAD);

        RelayHandoff.Handed first = handoff.claim(receiver, 10, Duration.ofMillis(1)).stream().findFirst().orElse(null);
        assertThat(first).as("nothing while 16 are unanswered").isNull();
        jdbc.sql("update webhook_deliveries set leased_until = now() - interval '1 second' where claim_token is not null")
                .update();
        assertThat(handoff.claim(receiver, 30, LEASE)).as("a lease that ran out frees its place").hasSize(2 * RelayClaims.ROUNDS_AHEAD);
    }

    @Test
    void a_rate_capped_relay_receiver_gets_no_more_than_its_rate() throws Exception {
        set("max_concurrency", 50);
        set("max_requests_per_second", 10);
        long start = System.nanoTime();
        int handed = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
            handed += handoff.claim(receiver, 10, LEASE).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The bucket's burst is 100 ms worth of the rate (one token), then one every 100 ms.
        assertThat(handed).isGreaterThan(0).isLessThanOrEqualTo((int) Math.floor(1 + 10 * seconds));
    }

    private void set(String column, int value) {
        jdbc.sql("update webhook_receivers set " + column + " = :v where id = :r")
                .param("v", value).param("r", receiver).update();
    }
}
