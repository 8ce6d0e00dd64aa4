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

/** The claim on its own, against real PostgreSQL; this application runs no workers of its own. */
@TestPropertySource(properties = "hookline.roles=api")
class DueEventClaimerTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Long[] NONE_HELD = new Long[0];

    @Autowired
    DueEventClaimer claimer;

    private long first;
    private long second;

    @BeforeEach
    void twoReceiversWithDueEvents() {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        first = webhooks.receiver("http://127.0.0.1:9/first").id();
        second = webhooks.receiver("http://127.0.0.1:9/second").id();
        due(first, 10);
        due(second, 10);
    }

    /** {@code count} events of the receiver, due a second apart, the oldest a minute ago. */
    private void due(long receiverId, int count) {
        jdbc.sql("""
                        with payload as (
                            insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                            select :org, :r, '{}', now(), now() from generate_series(1, :n)
                            returning id, receiver_id)
                        insert into webhook_deliveries (event_id, receiver_id, next_attempt_at)
                        select id, receiver_id, now() - interval '1 minute' + (row_number() over (order by id)) * interval '1 second'
                        from payload
                        """)
                .param("org", tenant.organizationId()).param("r", receiverId).param("n", count).update();
    }

    private List<ClaimedEvent> claim(Instant now, int limit, int perReceiver, Set<Long> saturated, Long[] held) {
        return claimer.claim(UUID.randomUUID(), now, LEASE, limit, perReceiver, saturated, held);
    }

    @Test
    void a_claim_takes_at_most_the_per_receiver_limit_of_each_receiver_oldest_first() {
        List<ClaimedEvent> batch = claim(Instant.now(), 100, 3, Set.of(), NONE_HELD);

        assertThat(batch).hasSize(6);
        assertThat(batch.stream().filter(e -> e.receiverId() == first).map(ClaimedEvent::id))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(batch.stream().filter(e -> e.receiverId() == second)).hasSize(3);
        assertThat(batch).allSatisfy(e -> assertThat(e.body()).isEqualTo("{}"));
    }

    @Test
    void saturated_receivers_and_events_held_here_are_left_out() {
        List<ClaimedEvent> batch = claim(Instant.now(), 100, 100, Set.of(first), new Long[] {11L, 12L});

        assertThat(batch).extracting(ClaimedEvent::receiverId).containsOnly(second);
        assertThat(batch).extracting(ClaimedEvent::id).doesNotContain(11L, 12L).hasSize(8);
    }

    @Test
    void a_claimed_event_is_not_claimed_again_until_its_lease_ends_and_a_renewal_pushes_the_end_ahead() {
        Instant now = Instant.now();
        List<ClaimedEvent> taken = claim(now, 100, 100, Set.of(), NONE_HELD);
        assertThat(taken).hasSize(20);
        assertThat(claim(now.plusSeconds(29), 100, 100, Set.of(), NONE_HELD)).as("within the lease").isEmpty();

        List<HeldClaims.Held> renewed = taken.stream().filter(e -> e.receiverId() == first)
                .map(e -> new HeldClaims.Held(e.id(), e.claimToken(), now)).toList();
        assertThat(claimer.renew(renewed, now.plusSeconds(60))).isEqualTo(10);

        List<ClaimedEvent> afterLease = claim(now.plusSeconds(31), 100, 100, Set.of(), NONE_HELD);
        assertThat(afterLease).as("the lease of the unrenewed ended").extracting(ClaimedEvent::receiverId)
                .containsOnly(second).hasSize(10);
        assertThat(claimer.renew(taken.stream().filter(e -> e.receiverId() == second)
                .map(e -> new HeldClaims.Held(e.id(), e.claimToken(), now)).toList(), now.plusSeconds(90)))
                .as("a claim taken over by another is no longer renewed by its old holder").isZero();
    }

    @Test
    void released_claims_are_due_again_at_once_and_so_are_those_of_a_claim_whose_answer_was_lost() {
        Instant now = Instant.now();
        List<ClaimedEvent> taken = claim(now, 5, 100, Set.of(), NONE_HELD);
        assertThat(claimer.release(taken.stream().map(e -> new HeldClaims.Held(e.id(), e.claimToken(), now)).toList()))
                .isEqualTo(5);

        UUID lost = UUID.randomUUID();
        assertThat(claimer.claim(lost, now, LEASE, 100, 100, Set.of(), NONE_HELD)).hasSize(20);
        assertThat(claim(now, 100, 100, Set.of(), NONE_HELD)).isEmpty();
        assertThat(claimer.releaseToken(lost)).isEqualTo(20);
        assertThat(claim(now, 100, 100, Set.of(), NONE_HELD)).hasSize(20);
    }
}
