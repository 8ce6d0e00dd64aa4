package io.hookline.relay;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.standardwebhooks.Webhook;
import io.hookline.testing.GraphQl;
import io.hookline.testing.HeaderLines;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.TestDatabase;
import io.hookline.testing.TestInfrastructure;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Tenants;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Hookline with no egress exemption at all (no allowed CIDRs, no http://) still gets webhooks to
 * a receiver on loopback: through a relay client, which connects out to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestInfrastructure.class)
class RelayDeliveryTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    /** Like every integration test's settings, but without their egress exemptions for loopback and http://. */
    @DynamicPropertySource
    static void noEgressExemption(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("hookline-relay-test-data");
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("hookline.data-dir", dataDir::toString);
        registry.add("hookline.encryption-key", () -> IntegrationTest.TEST_ENCRYPTION_KEY);
        registry.add("hookline.delivery.poll-interval", () -> "200ms");
        registry.add("hookline.relay.max-wait", () -> "5s");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private Tenants.Tenant tenant;
    private GraphQl api;
    private Webhooks webhooks;
    private RelayHttp relayHttp;

    @BeforeEach
    void freshOrganization() {
        IntegrationTest.emptyTables(jdbc);
        tenant = new Tenants(jdbc).organization("Acme");
        api = new GraphQl(port, tenant.token());
        webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        relayHttp = new RelayHttp(port);
    }

    record RelayReceiver(long id, String sharedSecret, String token, String etag) {
    }

    private RelayReceiver relayReceiver() {
        GraphQl.Response created = api.execute("""
                mutation { createWebhookReceiver(input: {name: "QA system", relay: true}) {
                  webhookReceiver { id sharedSecret _etag webhookUri relay } relayToken } }
                """).ok();
        return new RelayReceiver(created.id("$.data.createWebhookReceiver.webhookReceiver.id"),
                created.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret"),
                created.string("$.data.createWebhookReceiver.relayToken"),
                created.string("$.data.createWebhookReceiver.webhookReceiver._etag"));
    }

    private long succeeded() {
        return jdbc.sql("select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single();
    }

    @Test
    void a_loopback_receiver_gets_signed_webhooks_only_through_the_relay() throws Exception {
        try (TestReceiver local = TestReceiver.http()) {
            GraphQl.Response direct = api.execute("""
                    mutation($uri: String!) { createWebhookReceiver(input: {name: "direct", webhookUri: $uri}) {
                      webhookReceiver { id } } }
                    """, Map.of("uri", local.url("/hooks")));
            assertThat(direct.errorCode()).as("no egress exemption: http:// is refused").isEqualTo("BAD_USER_INPUT");
            GraphQl.Response loopback = api.execute(
                    "mutation { createWebhookReceiver(input: {name: \"direct\", webhookUri: \"https://127.0.0.1/hooks\"}) "
                            + "{ webhookReceiver { id } } }");
            assertThat(loopback.errorCode()).as("no egress exemption: loopback is refused").isEqualTo("BAD_USER_INPUT");

            RelayReceiver receiver = relayReceiver();
            webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
            try (RunningRelay relay = RunningRelay.start(port, receiver.token(), local.url("/hooks"))) {
                webhooks.insertRun("Anneal batch 7");
                ReceivedRequest request = local.awaitRequests(1, ARRIVAL).getFirst();

                String body = jdbc.sql("select body from webhook_events").query(String.class).single();
                assertThat(request.bodyText()).isEqualTo(body);
                assertThat(request.header("content-type")).isEqualTo("application/json");
                assertThat(request.header("user-agent")).startsWith("Hookline/");
                assertThat(request.header("webhook-id")).isEqualTo("evt_" + webhooks.onlyEventId());
                assertThat(request.header("x-ion-signature")).isNotBlank();
                new Webhook(receiver.sharedSecret()).verify(request.bodyText(), Map.of(
                        "webhook-id", List.of(request.header("webhook-id")),
                        "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                        "webhook-signature", List.of(request.header("webhook-signature"))));

                await().atMost(ARRIVAL).until(() -> succeeded() == 1);
                Map<String, Object> attempt = jdbc.sql("select response_status, error_kind from webhook_attempts")
                        .query().singleRow();
                assertThat(attempt.get("response_status")).isEqualTo(200);
                assertThat(attempt.get("error_kind")).isNull();

                GraphQl.Response status = api.execute("""
                        query($id: ID!) { webhookReceiver(id: $id) { relay webhookUri relayStatus { connected connectedSince lastSeenAt } } }
                        """, Map.of("id", receiver.id())).ok();
                assertThat(status.<Boolean>path("$.data.webhookReceiver.relay")).isTrue();
                assertThat(status.<Object>path("$.data.webhookReceiver.webhookUri")).isNull();
                assertThat(status.<Boolean>path("$.data.webhookReceiver.relayStatus.connected")).isTrue();
                assertThat(OffsetDateTime.parse(status.string("$.data.webhookReceiver.relayStatus.connectedSince")))
                        .isBefore(OffsetDateTime.now().plusSeconds(1));
            }
        }
    }

    @Test
    void a_relayed_attempt_shows_the_headers_and_body_the_relay_client_was_told_to_forward() throws Exception {
        try (TestReceiver local = TestReceiver.http()) {
            RelayReceiver receiver = relayReceiver();
            api.execute("""
                    mutation($r: ID!) { createWebhookReceiverHeader(input: {receiverId: $r, key: "X-Api-Key", value: "sk_relay_secret"}) {
                      webhookReceiverHeader { id } } }
                    """, Map.of("r", receiver.id())).ok();
            webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
            try (RunningRelay relay = RunningRelay.start(port, receiver.token(), local.url("/hooks"))) {
                webhooks.insertRun("Prüfung ✓ relayed");
                ReceivedRequest got = local.awaitRequests(1, ARRIVAL).getFirst();
                await().atMost(ARRIVAL).until(() -> succeeded() == 1);

                GraphQl.Response audit = api.execute("""
                        query($id: ID!) { webhookEvent(id: $id) { attempts { requestUrl requestHeaders requestBody } } }
                        """, Map.of("id", webhooks.onlyEventId())).ok();
                assertThat(audit.<Object>path("$.data.webhookEvent.attempts[0].requestUrl")).isNull();
                assertThat(audit.string("$.data.webhookEvent.attempts[0].requestBody").getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(got.body());
                Map<String, List<String>> shown = HeaderLines.parse(
                        audit.string("$.data.webhookEvent.attempts[0].requestHeaders"));
                assertThat(got.header("x-api-key")).isEqualTo("sk_relay_secret");
                assertThat(shown.get("x-api-key")).containsExactly("********");
                shown.forEach((name, values) -> {
                    if (!name.equals("x-api-key")) {
                        assertThat(got.headerValues(name)).as(name).isEqualTo(values);
                    }
                });
                assertThat(got.headers().keySet()).as("only the relay client's transport headers are added")
                        .containsAll(shown.keySet())
                        .allSatisfy(name -> assertThat(shown.containsKey(name) || Stream.of("host", "content-length",
                                "connection").anyMatch(name::equals)).as(name).isTrue());
                assertThat(jdbc.sql("select count(*) from webhook_relay_requests").query(Integer.class).single())
                        .as("kept only until the answer is recorded").isZero();
            }
        }
    }

    @Test
    void five_events_queued_while_no_relay_is_connected_all_arrive_when_it_connects() throws Exception {
        try (TestReceiver local = TestReceiver.http()) {
            RelayReceiver receiver = relayReceiver();
            webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
            for (int i = 1; i <= 5; i++) {
                webhooks.insertRun("queued " + i);
            }
            await().atMost(ARRIVAL).until(() -> jdbc.sql("select count(*) from webhook_events where status = 'PENDING'")
                    .query(Long.class).single() == 5);
            GraphQl.Response status = api.execute("query($id: ID!) { webhookReceiver(id: $id) { relayStatus { connected connectedSince } } }",
                    Map.of("id", receiver.id())).ok();
            assertThat(status.<Boolean>path("$.data.webhookReceiver.relayStatus.connected")).isFalse();
            assertThat(local.requests()).isEmpty();

            try (RunningRelay relay = RunningRelay.start(port, receiver.token(), local.url("/hooks"))) {
                List<ReceivedRequest> requests = local.awaitRequests(5, ARRIVAL);
                assertThat(requests.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet())).hasSize(5);
                await().atMost(ARRIVAL).until(() -> succeeded() == 5);
            }
        }
    }

    @Test
    void two_relay_clients_of_one_receiver_never_get_the_same_event() throws Exception {
        try (TestReceiver first = TestReceiver.http(); TestReceiver second = TestReceiver.http()) {
            RelayReceiver receiver = relayReceiver();
            webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
            try (RunningRelay a = RunningRelay.start(port, receiver.token(), first.url("/a"));
                 RunningRelay b = RunningRelay.start(port, receiver.token(), second.url("/b"))) {
                jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 300) n")
                        .param("org", tenant.organizationId()).update();
                await().atMost(Duration.ofMinutes(1)).until(() -> succeeded() == 300);
            }
            List<String> ids = Stream.concat(first.requests().stream(), second.requests().stream())
                    .map(r -> r.header("webhook-id")).toList();
            assertThat(ids).hasSize(300).doesNotHaveDuplicates();
            assertThat(first.requests()).as("both clients served").isNotEmpty();
            assertThat(second.requests()).as("both clients served").isNotEmpty();
            assertThat(jdbc.sql("select count(*) from webhook_attempts").query(Long.class).single()).isEqualTo(300);
        }
    }

    @Test
    void an_api_key_cannot_pull_and_a_relay_token_cannot_call_graphql() {
        RelayReceiver receiver = relayReceiver();
        RelayHttp.Answer withApiKey = relayHttp.poll(tenant.token(), 10, 0);
        assertThat(withApiKey.status()).isEqualTo(401);
        assertThat(withApiKey.<String>path("$.error")).contains("relay token").contains("API key");
        assertThat(relayHttp.poll(null, 10, 0).<String>path("$.error")).contains("Missing relay token");

        GraphQl.Response withRelayToken = api.as(receiver.token()).execute("{ webhookReceivers { edges { node { id } } } }");
        assertThat(withRelayToken.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(withRelayToken.body()).doesNotContain("\"webhookReceivers\":{");

        assertThat(relayHttp.poll(receiver.token(), 10, 0).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_or_rotated_relay_token_is_refused_with_401() {
        RelayReceiver receiver = relayReceiver();
        RelayHttp.Answer wrong = relayHttp.poll("rly_not-a-token", 10, 0);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.<String>path("$.error")).contains("Invalid relay token");

        GraphQl.Response rotated = api.execute("""
                mutation($id: ID!, $e: String!) { rotateWebhookReceiverRelayToken(id: $id, etag: $e) {
                  relayToken webhookReceiver { id _etag } } }
                """, Map.of("id", receiver.id(), "e", receiver.etag())).ok();
        String newToken = rotated.string("$.data.rotateWebhookReceiverRelayToken.relayToken");
        assertThat(newToken).startsWith("rly_").isNotEqualTo(receiver.token());
        assertThat(relayHttp.poll(receiver.token(), 10, 0).status()).as("the rotated-out token").isEqualTo(401);
        assertThat(relayHttp.poll(newToken, 10, 0).status()).isEqualTo(200);

        GraphQl.Response stale = api.execute("""
                mutation($id: ID!, $e: String!) { rotateWebhookReceiverRelayToken(id: $id, etag: $e) { relayToken } }
                """, Map.of("id", receiver.id(), "e", receiver.etag()));
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
    }

    @Test
    void a_poll_waiting_when_its_token_is_rotated_is_refused_within_a_second_or_so() throws Exception {
        RelayReceiver receiver = relayReceiver();
        CompletableFuture<RelayHttp.Answer> waiting = CompletableFuture.supplyAsync(() -> relayHttp.poll(receiver.token(), 10, 20));
        Thread.sleep(300); // the poll is waiting for events by now
        api.execute("""
                mutation($id: ID!, $e: String!) { rotateWebhookReceiverRelayToken(id: $id, etag: $e) { relayToken } }
                """, Map.of("id", receiver.id(), "e", receiver.etag())).ok();
        long rotated = System.nanoTime();
        RelayHttp.Answer answer = waiting.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - rotated)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void the_relay_token_is_shown_once_and_stored_only_as_its_hash() throws Exception {
        RelayReceiver receiver = relayReceiver();
        assertThat(receiver.token()).startsWith("rly_");
        byte[] hash = jdbc.sql("select relay_token_hash from webhook_receivers where id = :id")
                .param("id", receiver.id()).query(byte[].class).single();
        assertThat(hash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(receiver.token().getBytes(StandardCharsets.UTF_8)));
        String everything = jdbc.sql("select row_to_json(r)::text from webhook_receivers r").query(String.class).single();
        assertThat(everything).doesNotContain(receiver.token());
        GraphQl.Response read = api.execute("""
                mutation($id: ID!, $e: String!) { updateWebhookReceiver(input: {id: $id, etag: $e, name: "QA"}) {
                  relayToken webhookReceiver { relay } } }
                """, Map.of("id", receiver.id(), "e", receiver.etag())).ok();
        assertThat(read.<Object>path("$.data.updateWebhookReceiver.relayToken")).isNull();
        assertThat(read.<Boolean>path("$.data.updateWebhookReceiver.webhookReceiver.relay")).isTrue();
    }

    @Test
    void relay_receivers_take_no_uri_and_others_need_one() {
        GraphQl.Response both = api.execute("""
                mutation { createWebhookReceiver(input: {name: "x", relay: true, webhookUri: "https://example.com/h"}) {
                  webhookReceiver { id } } }
                """);
        assertThat(both.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(both.errorMessage()).contains("webhookUri").contains("relay");
        GraphQl.Response neither = api.execute("""
                mutation { createWebhookReceiver(input: {name: "x"}) { webhookReceiver { id } } }
                """);
        assertThat(neither.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(neither.errorMessage()).contains("webhookUri is required");

        RelayReceiver receiver = relayReceiver();
        GraphQl.Response addUri = api.execute("""
                mutation($id: ID!, $e: String!) { updateWebhookReceiver(input: {id: $id, etag: $e, webhookUri: "https://example.com/h"}) {
                  webhookReceiver { id } } }
                """, Map.of("id", receiver.id(), "e", receiver.etag()));
        assertThat(addUri.errorCode()).isEqualTo("BAD_USER_INPUT");

        long direct = jdbc.sql("""
                insert into webhook_receivers (organization_id, name, webhook_uri, shared_secret)
                select organization_id, 'direct', 'https://example.com/h', shared_secret from webhook_receivers where id = :id
                returning id
                """).param("id", receiver.id()).query(Long.class).single();
        GraphQl.Response rotateDirect = api.execute("""
                mutation($id: ID!, $e: String!) { rotateWebhookReceiverRelayToken(id: $id, etag: $e) { relayToken } }
                """, Map.of("id", direct, "e", webhooks.receiverEtag(direct)));
        assertThat(rotateDirect.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void an_outcome_for_an_event_the_client_does_not_hold_is_refused_and_nothing_is_recorded() {
        RelayReceiver receiver = relayReceiver();
        RelayReceiver other = relayReceiver();
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        webhooks.insertRun("held");
        await().atMost(ARRIVAL).until(() -> jdbc.sql("select count(*) from webhook_events").query(Long.class).single() == 1);
        RelayHttp.Answer polled = relayHttp.poll(receiver.token(), 10, 5);
        assertThat(polled.<List<?>>path("$.events")).hasSize(1);
        long eventId = ((Number) polled.path("$.events[0].id")).longValue();
        String claim = polled.path("$.events[0].claim");

        RelayHttp.Answer wrongClaim = relayHttp.report(receiver.token(),
                Map.of("id", eventId, "claim", java.util.UUID.randomUUID().toString(), "status", 200, "durationMs", 3));
        assertThat(wrongClaim.status()).isEqualTo(409);
        assertThat(wrongClaim.<String>path("$.error")).contains("does not hold event " + eventId).contains("Nothing was recorded");
        RelayHttp.Answer otherReceiver = relayHttp.report(other.token(),
                Map.of("id", eventId, "claim", claim, "status", 200, "durationMs", 3));
        assertThat(otherReceiver.status()).isEqualTo(409);
        RelayHttp.Answer malformed = relayHttp.report(receiver.token(), Map.of("id", eventId, "claim", claim));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.<String>path("$.error")).contains("status").contains("error");
        assertThat(webhooks.attemptCount(eventId)).isZero();

        RelayHttp.Answer held = relayHttp.report(receiver.token(),
                Map.of("id", eventId, "claim", claim, "status", 200, "durationMs", 3, "body", "ok"));
        assertThat(held.status()).isEqualTo(200);
        RelayHttp.Answer again = relayHttp.report(receiver.token(),
                Map.of("id", eventId, "claim", claim, "status", 500, "durationMs", 3));
        assertThat(again.status()).as("an answered event is no longer held").isEqualTo(409);
        assertThat(webhooks.attemptCount(eventId)).isEqualTo(1);
        assertThat(webhooks.eventStatus(eventId)).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_forward_target_refusing_connections_is_recorded_as_that_error_and_retried_per_schedule() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RelayReceiver receiver = relayReceiver();
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        try (RunningRelay relay = RunningRelay.start(port, receiver.token(), "http://127.0.0.1:" + closedPort + "/hooks")) {
            webhooks.insertRun("nobody listens");
            await().atMost(ARRIVAL).until(() -> jdbc.sql("select count(*) from webhook_attempts").query(Long.class).single() == 1);
        }
        Map<String, Object> attempt = jdbc.sql("select response_status, error_kind, error from webhook_attempts").query().singleRow();
        assertThat(attempt.get("response_status")).isNull();
        assertThat(attempt.get("error_kind")).isEqualTo("CONNECTION_REFUSED");
        assertThat((String) attempt.get("error")).contains("connection refused");
        Map<String, Object> event = jdbc.sql("""
                select status, extract(epoch from next_attempt_at - now()) as due_in from webhook_events
                """).query().singleRow();
        assertThat(event.get("status")).isEqualTo("RETRYING");
        assertThat(((Number) event.get("due_in")).doubleValue()).as("the first retry, 5 s ± 20 %").isBetween(0.0, 6.1);
    }

    @Test
    void the_direct_worker_never_sends_a_relay_receivers_events() {
        RelayReceiver receiver = relayReceiver();
        webhooks.subscribe(receiver.id(), "RUNS", "CREATE");
        webhooks.insertRun("waits for a relay");
        await().atMost(ARRIVAL).until(() -> jdbc.sql("select count(*) from webhook_events").query(Long.class).single() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                webhooks.attemptCount(webhooks.onlyEventId()) == 0 && webhooks.eventStatus(webhooks.onlyEventId()).equals("PENDING"));
    }
}
