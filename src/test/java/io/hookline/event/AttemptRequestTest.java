package io.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.HeaderLines;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

/** Every attempt shows its request exactly as the receiver got it (docs/receiving.md), secrets masked. */
class AttemptRequestTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ATTEMPTS = """
            query($id: ID!) { webhookEvent(id: $id) { payload attempts { requestUrl requestHeaders requestBody } } }
            """;

    @Test
    void the_attempt_shows_the_url_every_header_and_the_exact_body_the_receiver_got_with_custom_values_masked() {
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.receiver(receiver.url("/hooks?line=2"), "headers", List.of(
                    Map.of("key", "X-Api-Key", "value", "sk_live_not-for-the-audit-trail"),
                    Map.of("key", "X-Plant", "value", "north"))).id();
            webhooks.subscribe(receiverId, "RUNS", "CREATE");

            webhooks.insertRun("Prüfung ✓ \"quoted\" & a=b");
            ReceivedRequest got = receiver.awaitRequests(1, WAIT).getFirst();
            GraphQl.Response audit = awaitAttempt(webhooks.onlyEventId());

            assertThat(audit.string("$.data.webhookEvent.attempts[0].requestUrl")).isEqualTo(receiver.url("/hooks?line=2"));
            assertThat(audit.string("$.data.webhookEvent.attempts[0].requestBody").getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(got.body());
            assertThat(audit.string("$.data.webhookEvent.attempts[0].requestBody"))
                    .isEqualTo(audit.string("$.data.webhookEvent.payload"));
            Map<String, List<String>> shown = HeaderLines.parse(audit.string("$.data.webhookEvent.attempts[0].requestHeaders"));
            assertThat(got.header("x-api-key")).isEqualTo("sk_live_not-for-the-audit-trail");
            assertThat(shown.get("x-api-key")).containsExactly("********");
            assertThat(got.header("x-plant")).isEqualTo("north");
            assertThat(shown.get("x-plant")).containsExactly("********");
            Map<String, List<String>> expected = new LinkedHashMap<>(got.headers());
            expected.put("x-api-key", List.of("********"));
            expected.put("x-plant", List.of("********"));
            assertThat(shown).as("header by header, no more and no less").isEqualTo(expected);
            assertThat(shown.keySet()).contains("host", "content-length", "content-type", "user-agent", "webhook-id",
                    "webhook-timestamp", "webhook-signature", "x-ion-signature");
            assertThat(jdbc.sql("select request_headers from webhook_attempts").query(String.class).single())
                    .as("the secret is not stored in the audit trail").doesNotContain("sk_live");
        }
    }

    @Test
    void a_form_receivers_attempt_shows_the_url_encoded_body_it_signed_not_the_json() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.receiver(receiver.url("/form"), "contentType", "FORM_URLENCODED").id();
            webhooks.subscribe(receiverId, "RUNS", "CREATE");

            webhooks.insertRun("a=b&c ✓");
            ReceivedRequest got = receiver.awaitRequests(1, WAIT).getFirst();
            GraphQl.Response audit = awaitAttempt(webhooks.onlyEventId());

            String body = audit.string("$.data.webhookEvent.attempts[0].requestBody");
            assertThat(body.getBytes(StandardCharsets.UTF_8)).isEqualTo(got.body());
            assertThat(body).isEqualTo("payload=" + URLEncoder.encode(audit.string("$.data.webhookEvent.payload"),
                    StandardCharsets.UTF_8));
            assertThat(HeaderLines.parse(audit.string("$.data.webhookEvent.attempts[0].requestHeaders"))).isEqualTo(got.headers());
        }
    }

    @Test
    void a_try_that_could_not_connect_shows_the_request_it_would_have_sent() {
        int closedPort;
        try (TestReceiver gone = TestReceiver.http()) {
            closedPort = gone.port();
        }
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long receiverId = webhooks.receiver("http://localhost:" + closedPort + "/hooks").id();
        webhooks.subscribe(receiverId, "RUNS", "CREATE");

        webhooks.insertRun("nobody home");
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from webhook_attempts").query(Integer.class).single() == 1);
        GraphQl.Response audit = awaitAttempt(webhooks.onlyEventId());

        Map<String, List<String>> shown = HeaderLines.parse(audit.string("$.data.webhookEvent.attempts[0].requestHeaders"));
        assertThat(shown).containsKeys("content-type", "user-agent", "webhook-id", "webhook-signature");
        assertThat(audit.string("$.data.webhookEvent.attempts[0].requestBody"))
                .isEqualTo(audit.string("$.data.webhookEvent.payload"));
    }

    private GraphQl.Response awaitAttempt(long eventId) {
        return await().atMost(WAIT).until(() -> api.execute(ATTEMPTS, Map.of("id", eventId)).ok(),
                r -> r.<List<Object>>path("$.data.webhookEvent.attempts").size() == 1);
    }
}
