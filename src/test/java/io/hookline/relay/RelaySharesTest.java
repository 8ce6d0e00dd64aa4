package io.hookline.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several relay clients of one receiver share its {@code maxConcurrency}: each is told its share
 * with every poll and forwards no more at once (docs/relay.md, "Forwards at once").
 */
class RelaySharesTest extends IntegrationTest {

    @Autowired
    RelayClientShares shares;

    @Autowired
    RelayProperties properties;

    private long receiver;
    private String token;

    @BeforeEach
    void aRelayReceiver() {
        GraphQl.Response created = api.execute("""
                mutation { createWebhookReceiver(input: {name: "QA system", relay: true, maxConcurrency: 4}) {
                  webhookReceiver { id } relayToken } }
                """).ok();
        receiver = created.id("$.data.createWebhookReceiver.webhookReceiver.id");
        token = created.string("$.data.createWebhookReceiver.relayToken");
    }

    @Test
    void clients_seen_within_the_presence_window_split_the_cap_evenly_and_one_gone_gives_its_share_back() {
        Instant start = Instant.now();
        assertThat(shares.share(receiver, "a", 8, start)).isEqualTo(8);
        assertThat(shares.share(receiver, "b", 8, start.plusMillis(10))).as("a new client counts at once").isEqualTo(4);
        assertThat(shares.share(receiver, "a", 8, start.plusMillis(20))).isEqualTo(4);
        assertThat(shares.share(receiver, "c", 2, start.plusMillis(30))).as("never less than one").isEqualTo(1);

        Instant later = start.plus(properties.presenceWindow()).plusSeconds(2);
        assertThat(shares.share(receiver, "a", 8, later)).as("b and c have not polled for a window").isEqualTo(8);
        assertThat(jdbc.sql("select client_id from webhook_relay_clients where receiver_id = :r")
                .param("r", receiver).query(String.class).list()).containsExactly("a");
    }

    @Test
    void a_poll_answers_the_clients_share_and_refuses_a_client_id_that_is_empty_or_too_long() {
        RelayHttp relay = new RelayHttp(port);
        assertThat(poll(relay, "first").<Integer>path("$.forwardAtOnce")).isEqualTo(4);
        assertThat(poll(relay, "second").<Integer>path("$.forwardAtOnce")).isEqualTo(2);
        assertThat(relay.poll(token, 1, 0).<Integer>path("$.forwardAtOnce")).as("no id: one more client")
                .isEqualTo(1);

        for (String bad : new String[] {"", " ", "x".repeat(RelayEndpoints.MAX_CLIENT_ID + 1)}) {
            RelayHttp.Answer refused = poll(relay, bad);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.<String>path("$.error")).contains("client");
        }
    }

    @Test
    void two_bundled_clients_together_never_forward_more_than_max_concurrency_at_once() throws Exception {
        try (TestReceiver local = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(50)))) {
            new Webhooks(api, jdbc, tenant.organizationId()).subscribe(receiver, "RUNS", "CREATE");
            try (RunningRelay a = RunningRelay.start(port, token, local.url("/a"));
                 RunningRelay b = RunningRelay.start(port, token, local.url("/b"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "select count(*) from webhook_relay_clients where receiver_id = :r")
                        .param("r", receiver).query(Integer.class).single() == 2);
                jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 60) n")
                        .param("org", tenant.organizationId()).update();
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Integer.class).single() == 60);
            }
            assertThat(local.requests()).hasSize(60);
            assertThat(local.requests()).as("both clients served")
                    .anyMatch(r -> r.path().equals("/a")).anyMatch(r -> r.path().equals("/b"));
            assertThat(local.mostInFlight()).as("two at once each, the receiver's four together").isBetween(2, 4);
        }
    }

    private RelayHttp.Answer poll(RelayHttp relay, String client) {
        return relay.post("/relay/v1/poll", token, Map.of("max", 1, "waitSeconds", 0, "client", client));
    }
}
