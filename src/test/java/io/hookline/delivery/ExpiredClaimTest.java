package io.hookline.delivery;

import java.time.Duration;
import java.util.Map;

import io.hookline.capture.Resource;
import io.hookline.testing.PayloadConformance;
import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A claim whose lease ran out belongs to a worker that died or lost the database: it never blocks a
 * person's retry or replay. A claim still within its lease does: that event is being sent now.
 */
class ExpiredClaimTest extends IntegrationTest {

    private TestReceiver receiver;
    private Webhooks webhooks;
    private long receiverId;

    @BeforeEach
    void pausedReceiver() {
        receiver = TestReceiver.http();
        webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        receiverId = webhooks.receiver(receiver.url("/hooks")).id();
        webhooks.subscribe(receiverId, "RUNS", "CREATE");
        // Paused, so that this test's workers leave the hand-made claims alone until it says so.
        webhooks.setReceiverActive(receiverId, false);
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    /** An event that failed once and is claimed by a worker whose lease ends {@code leaseEnds} from now. */
    private long claimedEvent(String leaseEnds) {
        return jdbc.sql("""
                        with payload as (
                            insert into webhook_event_payloads (organization_id, receiver_id, subscription_id, resource,
                                                                action, body, occurred_at, created_at)
                            select organization_id, receiver_id, id, resource, action, :body, now(), now()
                            from webhook_subscriptions where receiver_id = :r
                            returning id, receiver_id, subscription_id)
                        insert into webhook_deliveries (event_id, receiver_id, subscription_id, status, attempt_count,
                                                        next_attempt_at, claim_token, leased_until)
                        select id, receiver_id, subscription_id, 'RETRYING', 1, now() - interval '1 minute',
                               gen_random_uuid(), now() + cast(:leaseEnds as interval)
                        from payload returning event_id
                        """)
                .param("r", receiverId).param("leaseEnds", leaseEnds)
                .param("body", PayloadConformance.example(Resource.RUNS, Resource.Action.CREATE, Map.of())).query(Long.class).single();
    }

    private GraphQl.Response retry(long event) {
        return api.execute("mutation($id: ID!) { retryWebhookEvent(id: $id) { webhookEvent { status } } }",
                Map.of("id", event));
    }

    @Test
    void retry_takes_over_an_expired_claim_and_the_event_is_delivered() {
        long expired = claimedEvent("-1 second");

        assertThat(retry(expired).ok().string("$.data.retryWebhookEvent.webhookEvent.status")).isEqualTo("RETRYING");
        assertThat(jdbc.sql("select claim_token is null from webhook_deliveries where event_id = :id")
                .param("id", expired).query(Boolean.class).single()).as("the dead claim is void").isTrue();

        webhooks.setReceiverActive(receiverId, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.eventStatus(expired).equals("SUCCEEDED"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(api.execute("query($id: ID!) { webhookEvent(id: $id) { attempts { trigger } } }", Map.of("id", expired))
                .ok().<java.util.List<String>>path("$.data.webhookEvent.attempts[*].trigger")).containsExactly("MANUAL");
    }

    @Test
    void retry_of_an_event_being_sent_within_its_lease_is_refused_as_a_conflict() {
        long live = claimedEvent("10 minutes");

        GraphQl.Response response = retry(live);
        assertThat(response.errorCode()).isEqualTo("CONFLICT");
        assertThat(response.errorMessage()).contains("being delivered right now");
    }

    @Test
    void replay_includes_an_expired_claim_and_skips_one_within_its_lease() {
        long expired = claimedEvent("-1 second");
        long live = claimedEvent("10 minutes");

        GraphQl.Response replay = api.execute("""
                mutation($r: ID!) { replayWebhookEvents(input: {receiverId: $r, since: "2000-01-01T00:00:00Z",
                                                                statuses: [RETRYING]}) { count } }
                """, Map.of("r", receiverId)).ok();

        assertThat(replay.<Integer>path("$.data.replayWebhookEvents.count")).isEqualTo(1);
        assertThat(jdbc.sql("select event_id from webhook_deliveries where next_trigger = 'MANUAL'").query(Long.class).list())
                .containsExactly(expired);
        assertThat(jdbc.sql("select claim_token is not null from webhook_deliveries where event_id = :id")
                .param("id", live).query(Boolean.class).single()).isTrue();
    }
}
