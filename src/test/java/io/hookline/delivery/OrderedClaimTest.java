package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim of ordered receivers' events on its own (docs/delivery-controls.md); no workers run here. */
@TestPropertySource(properties = "hookline.roles=api")
class OrderedClaimTest extends IntegrationTest {

    @Autowired
    DueEventClaimer claimer;

    private long receiver;

    @BeforeEach
    void aReceiver() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
    }

    /** Events with these order keys, in this order, all due. */
    private void due(String... keys) {
        for (String key : keys) {
            jdbc.sql("""
                            with payload as (
                                insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                                values (:org, :r, '{}', now(), now()) returning id, receiver_id)
                            insert into webhook_deliveries (event_id, receiver_id, next_attempt_at, row_key)
                            select id, receiver_id, now() - interval '1 minute', :key from payload
                            """)
                    .param("org", tenant.organizationId()).param("r", receiver).param("key", key).update();
        }
    }

    private List<Long> claim() {
        return claimer.claim(UUID.randomUUID(), Instant.now(), Duration.ofSeconds(30), 100, 100, Set.of(), new Long[0])
                .stream().map(ClaimedEvent::id).sorted().toList();
    }

    private void finish(long eventId, String status) {
        jdbc.sql("update webhook_deliveries set status = :s, claim_token = null, leased_until = null where event_id = :id")
                .param("s", status).param("id", eventId).update();
    }

    @Test
    void only_the_earliest_unfinished_event_of_each_row_is_claimed() {
        due("RUNS/1", "RUNS/2", "RUNS/1", "RUNS/2", "RUNS/1", null);
        assertThat(claim()).containsExactly(1L, 2L, 6L);
        assertThat(claim()).as("the heads are claimed: their rows wait").isEmpty();
    }

    @Test
    void a_retrying_event_not_yet_due_holds_its_row_back_and_a_failed_one_releases_it() {
        due("RUNS/1", "RUNS/1", "RUNS/2");
        jdbc.sql("update webhook_deliveries set status = 'RETRYING', next_attempt_at = now() + interval '1 hour' where event_id = 1")
                .update();
        assertThat(claim()).containsExactly(3L);
        finish(1, "FAILED");
        assertThat(claim()).containsExactly(2L);
    }

    @Test
    void under_all_one_event_at_a_time_in_event_order() {
        due("*", "*", "*");
        assertThat(claim()).containsExactly(1L);
        assertThat(claim()).isEmpty();
        finish(1, "SUCCEEDED");
        assertThat(claim()).containsExactly(2L);
    }
}
