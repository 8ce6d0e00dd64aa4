package io.hookline.delivery;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim of ordered receivers' events on its own (docs/delivery-controls.md); no workers run here. */
class OrderedClaimTest extends OrderedReceiverFixture {

    @Autowired
    DataSource dataSource;

    private List<Long> claimedIds() {
        return claim().stream().map(ClaimedEvent::id).toList();
    }

    private void finish(long eventId, String status) {
        jdbc.sql("update webhook_deliveries set status = :s, claim_token = null, leased_until = null where event_id = :id")
                .param("s", status).param("id", eventId).update();
    }

    @Test
    void only_the_earliest_unfinished_event_of_each_row_is_claimed() {
        due("RUNS/1", "RUNS/2", "RUNS/1", "RUNS/2", "RUNS/1", null);
        assertThat(claimedIds()).containsExactly(1L, 2L, 6L);
        assertThat(claimedIds()).as("the heads are claimed: their rows wait").isEmpty();
    }

    @Test
    void a_retrying_event_not_yet_due_holds_its_row_back_and_a_failed_one_releases_it() {
        due("RUNS/1", "RUNS/1", "RUNS/2");
        jdbc.sql("update webhook_deliveries set status = 'RETRYING', next_attempt_at = now() + interval '1 hour' where event_id = 1")
                .update();
        assertThat(claimedIds()).containsExactly(3L);
        finish(1, "FAILED");
        assertThat(claimedIds()).containsExactly(2L);
    }

    @Test
    void under_all_the_receivers_earliest_events_are_claimed_as_a_run_and_nothing_more_until_it_is_done() {
        due("*", "*", "*");
        assertThat(claimedIds()).containsExactly(1L, 2L, 3L);
        assertThat(claimedIds()).isEmpty();
        finish(1, "SUCCEEDED");
        finish(2, "SUCCEEDED");
        assertThat(claimedIds()).as("3 is still claimed").isEmpty();
        due("*");
        finish(3, "SUCCEEDED");
        assertThat(claimedIds()).containsExactly(4L);
    }

    @Test
    void a_run_ends_before_the_first_event_that_is_not_due_or_whose_subscription_is_paused() {
        due("*", "*", "*", "*");
        jdbc.sql("update webhook_deliveries set next_attempt_at = now() + interval '1 hour' where event_id = 3").update();
        assertThat(claimedIds()).containsExactly(1L, 2L);

        jdbc.sql("update webhook_deliveries set claim_token = null, leased_until = null").update();
        long paused = jdbc.sql("""
                        insert into webhook_subscriptions (organization_id, receiver_id, resource, action, active)
                        values (:org, :r, 'RUNS', 'CREATE', false) returning id""")
                .param("org", tenant.organizationId()).param("r", receiver).query(Long.class).single();
        jdbc.sql("update webhook_deliveries set subscription_id = :s where event_id = 2").param("s", paused).update();
        assertThat(claimedIds()).containsExactly(1L);
    }

    @Test
    void a_run_is_claimed_only_as_far_as_no_other_claim_holds_one_of_its_events() throws Exception {
        due("*", "*", "*");
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select 1 from webhook_deliveries where event_id = 2 for update");
            assertThat(claimedIds()).as("3 would overtake 2").containsExactly(1L);
            other.rollback();
        }
        jdbc.sql("update webhook_deliveries set claim_token = null, leased_until = null").update();
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select 1 from webhook_deliveries where event_id = 1 for update");
            assertThat(claimedIds()).as("the run's head is being claimed elsewhere").isEmpty();
            other.rollback();
        }
    }
}
