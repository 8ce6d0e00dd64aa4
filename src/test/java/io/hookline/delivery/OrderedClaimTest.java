package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

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
    @Autowired
    DataSource dataSource;

    private long receiver;

    @BeforeEach
    void aReceiver() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
    }

    private void due(String... keys) {
        DeliveryOrder.due(jdbc, tenant.organizationId(), receiver, keys);
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
    void under_all_the_receivers_earliest_events_are_claimed_as_a_run_and_nothing_more_until_it_is_done() {
        due("*", "*", "*");
        assertThat(claim()).containsExactly(1L, 2L, 3L);
        assertThat(claim()).isEmpty();
        finish(1, "SUCCEEDED");
        finish(2, "SUCCEEDED");
        assertThat(claim()).as("3 is still claimed").isEmpty();
        due("*");
        finish(3, "SUCCEEDED");
        assertThat(claim()).containsExactly(4L);
    }

    @Test
    void a_run_ends_before_the_first_event_that_is_not_due_or_whose_subscription_is_paused() {
        due("*", "*", "*", "*");
        jdbc.sql("update webhook_deliveries set next_attempt_at = now() + interval '1 hour' where event_id = 3").update();
        assertThat(claim()).containsExactly(1L, 2L);

        jdbc.sql("update webhook_deliveries set claim_token = null, leased_until = null").update();
        long paused = jdbc.sql("""
                        insert into webhook_subscriptions (organization_id, receiver_id, resource, action, active)
                        values (:org, :r, 'RUNS', 'CREATE', false) returning id""")
                .param("org", tenant.organizationId()).param("r", receiver).query(Long.class).single();
        jdbc.sql("update webhook_deliveries set subscription_id = :s where event_id = 2").param("s", paused).update();
        assertThat(claim()).containsExactly(1L);
    }

    @Test
    void a_run_is_claimed_only_as_far_as_no_other_claim_holds_one_of_its_events() throws Exception {
        due("*", "*", "*");
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select 1 from webhook_deliveries where event_id = 2 for update");
            assertThat(claim()).as("3 would overtake 2").containsExactly(1L);
            other.rollback();
        }
        jdbc.sql("update webhook_deliveries set claim_token = null, leased_until = null").update();
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select 1 from webhook_deliveries where event_id = 1 for update");
            assertThat(claim()).as("the run's head is being claimed elsewhere").isEmpty();
            other.rollback();
        }
    }
}
