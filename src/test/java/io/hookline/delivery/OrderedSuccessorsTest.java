package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.hookline.capture.Handoff;
import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording an ordered row's event claims the row's next one in the same transaction
 * (docs/delivery-controls.md); no workers run here.
 */
class OrderedSuccessorsTest extends OrderedReceiverFixture {

    @Autowired
    DeliveryRecorder recorder;

    @Test
    void under_all_a_recorded_success_claims_the_run_of_next_events_under_the_offer() {
        due("*", "*", "*", "*");
        ClaimedEvent head = claimHead();
        assertThat(head.id()).isEqualTo(1L);
        assertThat(head.inReceiverOrder()).isTrue();
        Handoff.Offer offer = offer();

        var recorded = recorder.record(List.of(delivered(head)), Instant.now(), offer, new Long[0]);

        assertThat(recorded.ids()).containsExactly(1L);
        assertThat(recorded.next()).extracting(ClaimedEvent::id).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(recorded.next()).allMatch(e -> e.claimToken().equals(offer.token()) && e.inReceiverOrder());
        assertThat(claimTokenOf(4)).isEqualTo(offer.token());
        assertThat(claim()).as("the run is claimed: the receiver waits").isEmpty();
    }

    @Test
    void a_recorded_success_claims_nothing_while_the_rest_of_its_run_is_still_claimed() {
        due("*", "*", "*");
        List<ClaimedEvent> run = claim();
        assertThat(run).extracting(ClaimedEvent::id).containsExactly(1L, 2L, 3L);

        assertThat(recorder.record(List.of(delivered(run.getFirst())), Instant.now(), offer(), new Long[0]).next())
                .isEmpty();
    }

    @Test
    void a_try_that_will_be_retried_keeps_its_row_and_claims_nothing() {
        due("*", "*");
        var recorded = recorder.record(List.of(failed(claimHead())), Instant.now(), offer(), new Long[0]);

        assertThat(recorded.ids()).containsExactly(1L);
        assertThat(recorded.next()).isEmpty();
        assertThat(claimTokenOf(2)).isNull();
    }

    @Test
    void per_row_each_finished_rows_next_event_is_claimed_unless_held_here_not_due_or_of_another_row() {
        due("RUNS/1", "RUNS/2", "RUNS/3", null, "RUNS/1", "RUNS/2", "RUNS/3", "RUNS/4");
        List<ClaimedEvent> heads = claim();
        assertThat(heads).extracting(ClaimedEvent::id).containsExactly(1L, 2L, 3L, 4L, 8L);
        jdbc.sql("update webhook_deliveries set next_attempt_at = now() + interval '1 hour' where event_id = 6").update();

        var recorded = recorder.record(heads.subList(0, 4).stream().map(OrderedSuccessorsTest::delivered).toList(),
                Instant.now(), offer(), new Long[] {5L});

        assertThat(recorded.next()).as("RUNS/1's next is held here, RUNS/2's is not due, RUNS/4's head is not finished")
                .extracting(ClaimedEvent::id).containsExactly(7L);
    }

    @Test
    void a_saturated_or_switched_off_receiver_gets_nothing_claimed() {
        due("*", "*", "*");
        Handoff.Offer saturated = new Handoff.Offer(UUID.randomUUID(), Instant.now().plusSeconds(30), 10, 10,
                new Long[] {receiver});
        assertThat(recorder.record(List.of(delivered(claimHead())), Instant.now(), saturated, new Long[0]).next())
                .isEmpty();

        ClaimedEvent second = claimHead();
        jdbc.sql("update webhook_receivers set active = false where id = :id").param("id", receiver).update();
        assertThat(recorder.record(List.of(delivered(second)), Instant.now(), offer(), new Long[0]).next())
                .isEmpty();
        assertThat(claimTokenOf(3)).isNull();
    }

    /** Under ALL, the run's head alone: a claim of one event per receiver. */
    private ClaimedEvent claimHead() {
        List<ClaimedEvent> claimed = claimer.claim(UUID.randomUUID(), Instant.now(), Duration.ofSeconds(30), 100, 1,
                Set.of(), new Long[0]);
        assertThat(claimed).hasSize(1);
        return claimed.getFirst();
    }

    private static Handoff.Offer offer() {
        return new Handoff.Offer(UUID.randomUUID(), Instant.now().plusSeconds(30), 10, 10, new Long[0]);
    }

    private UUID claimTokenOf(long eventId) {
        return jdbc.sql("select claim_token from webhook_deliveries where event_id = :id").param("id", eventId)
                .query(UUID.class).optional().orElse(null);
    }

    private static FinishedTry delivered(ClaimedEvent event) {
        return new FinishedTry(event, new Attempt(Instant.now(), Duration.ofMillis(5),
                new DeliveryOutcome.Delivered(200, "", "ok")));
    }

    private static FinishedTry failed(ClaimedEvent event) {
        return new FinishedTry(event, new Attempt(Instant.now(), Duration.ofMillis(5),
                new DeliveryOutcome.Failed(500, ErrorKind.BAD_RESPONSE, "HTTP 500", null, "", "")));
    }
}
