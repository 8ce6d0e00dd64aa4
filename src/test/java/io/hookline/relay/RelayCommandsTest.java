package io.hookline.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.standardwebhooks.Webhook;
import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code relay} and {@code listen} commands as users run them: separate processes started from
 * Hookline's own main class, stopped with SIGTERM or killed with SIGKILL.
 */
@TestPropertySource(properties = {"hookline.relay.lease=4s", "hookline.relay.max-wait=5s"})
class RelayCommandsTest extends IntegrationTest {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private String server() {
        return "http://localhost:" + port;
    }

    private record Relay(long id, String secret, String token) {
    }

    private Relay relayReceiver() {
        GraphQl.Response created = api.execute("""
                mutation { createWebhookReceiver(input: {name: "QA system", relay: true}) {
                  webhookReceiver { id sharedSecret } relayToken } }
                """).ok();
        return new Relay(created.id("$.data.createWebhookReceiver.webhookReceiver.id"),
                created.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret"),
                created.string("$.data.createWebhookReceiver.relayToken"));
    }

    private long receivers() {
        return jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single();
    }

    @Test
    void listen_creates_a_temporary_receiver_forwards_its_events_and_deletes_it_on_sigterm() throws Exception {
        try (TestReceiver local = TestReceiver.http();
             RelayClientProcess listen = RelayClientProcess.start("listen", "--server", server(), "--api-key",
                     tenant.token(), "--resource", "RUNS", "--action", "CREATE", "--forward-to", local.url("/hooks"))) {
            String output = listen.awaitOutput("Connected to Hookline", 1, STARTUP);
            assertThat(output).contains("WARNING: --server is plain http://");
            Matcher secret = Pattern.compile("Signing secret [^:]*: (whsec_\\S+)").matcher(output);
            assertThat(secret.find()).as(output).isTrue();
            Map<String, Object> receiver = jdbc.sql("select relay, webhook_uri from webhook_receivers").query().singleRow();
            assertThat(receiver.get("relay")).isEqualTo(true);
            assertThat(receiver.get("webhook_uri")).isNull();
            assertThat(jdbc.sql("select resource || ' ' || action from webhook_subscriptions").query(String.class).single())
                    .isEqualTo("RUNS CREATE");

            new Webhooks(api, jdbc, tenant.organizationId()).insertRun("first webhook on a laptop");
            ReceivedRequest request = local.awaitRequests(1, Duration.ofSeconds(20)).getFirst();
            new Webhook(secret.group(1)).verify(request.bodyText(), Map.of(
                    "webhook-id", List.of(request.header("webhook-id")),
                    "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                    "webhook-signature", List.of(request.header("webhook-signature"))));
            listen.awaitOutput(request.header("webhook-id") + " -> ", 1, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == 1);

            listen.terminate();
            assertThat(listen.output()).contains("Deleted the temporary relay receiver");
            assertThat(receivers()).isZero();
        }
    }

    @Test
    void a_relay_killed_mid_forward_leaves_the_event_to_come_back_after_its_lease() throws Exception {
        Relay receiver = relayReceiver();
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        try (TestReceiver hanging = TestReceiver.http().answer(Reply.hang());
             TestReceiver answering = TestReceiver.http();
             RelayClientProcess doomed = RelayClientProcess.start("relay", "--server", server(), "--token",
                     receiver.token(), "--forward-to", hanging.url("/hooks"))) {
            doomed.awaitOutput("Connected to Hookline", 1, STARTUP);
            webhooks.insertRun("forwarded when the relay dies");
            String webhookId = hanging.awaitRequests(1, Duration.ofSeconds(20)).getFirst().header("webhook-id");
            doomed.kill();

            try (RunningRelay next = RunningRelay.start(port, receiver.token(), answering.url("/hooks"))) {
                ReceivedRequest again = answering.awaitRequests(1, Duration.ofSeconds(30)).getFirst();
                assertThat(again.header("webhook-id")).isEqualTo(webhookId);
                await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.eventStatus(webhooks.onlyEventId()).equals("SUCCEEDED"));
            }
            assertThat(webhooks.attemptCount(webhooks.onlyEventId())).as("the killed relay never answered").isEqualTo(1);
        }
    }

    @Test
    void sigterm_lets_the_forward_in_flight_finish_and_be_reported() throws Exception {
        Relay receiver = relayReceiver();
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        try (TestReceiver slow = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(1500)));
             RelayClientProcess relay = RelayClientProcess.start("relay", "--server", server(), "--token",
                     receiver.token(), "--forward-to", slow.url("/hooks"))) {
            relay.awaitOutput("Connected to Hookline", 1, STARTUP);
            webhooks.insertRun("in flight at SIGTERM");
            slow.awaitRequests(1, Duration.ofSeconds(20));

            relay.terminate();
            assertThat(relay.output()).contains("Stopping").contains("evt_" + webhooks.onlyEventId() + " -> ").contains("Stopped");
            assertThat(webhooks.eventStatus(webhooks.onlyEventId())).isEqualTo("SUCCEEDED");
            assertThat(webhooks.attemptCount(webhooks.onlyEventId())).isEqualTo(1);
        }
    }

    @Test
    void a_relay_with_a_wrong_token_says_so_and_retries_with_backoff() throws Exception {
        try (RelayClientProcess relay = RelayClientProcess.start("relay", "--server", server(), "--token",
                "rly_wrong", "--forward-to", "http://localhost:1/hooks")) {
            String output = relay.awaitOutput("Hookline refused the relay token (401)", 3, STARTUP);
            assertThat(output).contains("Invalid relay token").contains("retrying in");
            List<Double> waits = Pattern.compile("retrying in ([0-9.]+) s").matcher(output).results()
                    .map(m -> Double.parseDouble(m.group(1))).toList();
            assertThat(waits.get(1)).as("backoff grows: %s", waits).isGreaterThan(waits.get(0));
            assertThat(relay.terminate()).isNotNegative();
        }
    }

    @Test
    void both_commands_explain_themselves_and_refuse_bad_arguments() throws Exception {
        try (RelayClientProcess help = RelayClientProcess.start("relay", "--help")) {
            assertThat(help.awaitExit()).isZero();
            assertThat(help.output()).contains("Usage: java -jar hookline.jar relay").contains("--forward-to");
        }
        try (RelayClientProcess help = RelayClientProcess.start("listen", "--help")) {
            assertThat(help.awaitExit()).isZero();
            assertThat(help.output()).contains("Usage: java -jar hookline.jar listen").contains("--resource");
        }
        try (RelayClientProcess missing = RelayClientProcess.start("relay", "--server", server())) {
            assertThat(missing.awaitExit()).isEqualTo(2);
            assertThat(missing.output()).contains("--token is required").contains("Usage:");
        }
    }
}
