package io.hookline.delivery;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.GraphQl;
import io.hookline.testing.HttpsReceiverTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestCertificates;
import io.hookline.testing.TestReceiver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Section 5 of the design: retries, manual retry and replay, pausing, deactivation, rotation; and the error kinds. */
class RetryAndHealthTest extends HttpsReceiverTest {

    private long subscribedReceiver() {
        return webhooks.subscribedReceiver(receiver.url("/hooks"), "RUNS", "CREATE");
    }

    private void awaitStatus(long event, String status) {
        await().atMost(WAIT).until(() -> webhooks.eventStatus(event).equals(status));
    }

    private Instant nextAttemptAt(long event) {
        return jdbc.sql("select next_attempt_at from webhook_events where id = :id").param("id", event)
                .query(java.time.OffsetDateTime.class).single().toInstant();
    }

    @Test
    void a_failure_is_retried_on_schedule_with_the_same_event_id_until_it_succeeds() {
        subscribedReceiver();
        receiver.answer(1, Reply.status(500)).answer(2, Reply.status(503));
        Instant before = clock.instant();
        webhooks.insertRun("flaky");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        awaitStatus(event, "RETRYING");
        Duration firstDelay = Duration.between(before, nextAttemptAt(event));
        assertThat(firstDelay).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));

        clock.advance(Duration.ofSeconds(7));
        receiver.awaitRequests(2, WAIT);
        await().atMost(WAIT).until(() -> webhooks.attemptCount(event) == 2);
        assertThat(Duration.between(clock.instant(), nextAttemptAt(event)))
                .as("second delay is 30 s ± 20 %").isBetween(Duration.ofSeconds(22), Duration.ofSeconds(37));

        clock.advance(Duration.ofSeconds(37));
        awaitStatus(event, "SUCCEEDED");
        List<ReceivedRequest> requests = receiver.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly("evt_" + event);
        assertThat(requests).extracting(ReceivedRequest::bodyText).containsOnly(requests.getFirst().bodyText());
        GraphQl.Response audit = api.execute("query($id: ID!) { webhookEvent(id: $id) { attemptCount nextAttemptAt completedAt "
                + "attempts { number responseStatus errorKind error } } }", Map.of("id", event)).ok();
        assertThat(audit.<List<Integer>>path("$.data.webhookEvent.attempts[*].number")).containsExactly(1, 2, 3);
        assertThat(audit.<List<Integer>>path("$.data.webhookEvent.attempts[*].responseStatus")).containsExactly(500, 503, 200);
        assertThat(audit.string("$.data.webhookEvent.attempts[0].errorKind")).isEqualTo("BAD_RESPONSE");
        assertThat(audit.<Object>path("$.data.webhookEvent.nextAttemptAt")).isNull();
    }

    @Test
    void retry_after_on_429_is_honoured() {
        subscribedReceiver();
        receiver.answer(1, Reply.status(429).withHeader("Retry-After", "120"));
        Instant before = clock.instant();
        webhooks.insertRun("slow down");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        awaitStatus(event, "RETRYING");
        assertThat(Duration.between(before, nextAttemptAt(event))).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(125));
    }

    @Test
    void the_event_fails_after_the_last_scheduled_try() {
        subscribedReceiver();
        receiver.answer(Reply.status(500));
        webhooks.insertRun("doomed");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        for (int tries = 1; tries <= 10; tries++) {
            int done = tries;
            await().atMost(WAIT).until(() -> webhooks.attemptCount(event) == done);
            awaitStatus(event, "RETRYING");
            // Jump to the scheduled time: about 56 h in all, inside the 72 h before auto-disable.
            clock.advance(Duration.between(clock.instant(), nextAttemptAt(event)).plusSeconds(1));
        }
        awaitStatus(event, "FAILED");
        assertThat(webhooks.attemptCount(event)).isEqualTo(11);
        assertThat(receiver.requests()).hasSize(11);
    }

    @Test
    void manual_retry_and_replay_make_failed_events_due_now_and_keep_their_history() {
        long receiverId = subscribedReceiver();
        receiver.answer(Reply.status(500));
        webhooks.insertRun("one");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        awaitStatus(event, "RETRYING");
        jdbc.sql("update webhook_deliveries set status = 'FAILED', next_attempt_at = null, completed_at = now() where event_id = :id")
                .param("id", event).update();
        receiver.answer(Reply.status(200));

        api.execute("mutation($id: ID!) { retryWebhookEvent(id: $id) { webhookEvent { status } } }", Map.of("id", event)).ok();
        awaitStatus(event, "SUCCEEDED");
        GraphQl.Response audit = api.execute("query($id: ID!) { webhookEvent(id: $id) { attempts { number trigger } } }",
                Map.of("id", event)).ok();
        assertThat(audit.<List<String>>path("$.data.webhookEvent.attempts[*].trigger")).containsExactly("SCHEDULED", "MANUAL");

        jdbc.sql("update webhook_deliveries set status = 'FAILED', completed_at = now() where event_id = :id").param("id", event).update();
        GraphQl.Response replay = api.execute("""
                mutation($r: ID!, $since: DateTime!) { replayWebhookEvents(input: {receiverId: $r, since: $since}) { count } }
                """, Map.of("r", receiverId, "since", "2000-01-01T00:00:00Z")).ok();
        assertThat(replay.<Integer>path("$.data.replayWebhookEvents.count")).isEqualTo(1);
        awaitStatus(event, "SUCCEEDED");
        assertThat(webhooks.attemptCount(event)).isEqualTo(3);
    }

    @Test
    void a_paused_receiver_gets_no_new_events_and_its_queued_events_wait_until_it_is_resumed() {
        long receiverId = subscribedReceiver();
        receiver.answer(1, Reply.status(500));
        webhooks.insertRun("queued");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        awaitStatus(event, "RETRYING");

        webhooks.setReceiverActive(receiverId, false);
        webhooks.insertRun("while paused");
        clock.advance(Duration.ofMinutes(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests().size() == 1);
        assertThat(jdbc.sql("select count(*) from webhook_events").query(Long.class).single())
                .as("no event for the change made while paused").isEqualTo(1);

        webhooks.setReceiverActive(receiverId, true);
        awaitStatus(event, "SUCCEEDED");
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void a_paused_subscription_holds_its_queued_events() {
        long receiverId = webhooks.receiver(receiver.url("/hooks")).id();
        long subscription = webhooks.subscribe(receiverId, "RUNS", "CREATE");
        receiver.answer(1, Reply.status(500));
        webhooks.insertRun("queued");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        awaitStatus(event, "RETRYING");
        jdbc.sql("update webhook_subscriptions set active = false where id = :id").param("id", subscription).update();
        clock.advance(Duration.ofMinutes(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 1);

        jdbc.sql("update webhook_subscriptions set active = true where id = :id").param("id", subscription).update();
        awaitStatus(event, "SUCCEEDED");
    }

    @Test
    void a_receiver_answering_410_is_deactivated_with_a_reason() {
        long receiverId = subscribedReceiver();
        receiver.answer(Reply.status(410));
        webhooks.insertRun("gone");
        receiver.awaitRequests(1, WAIT);
        await().atMost(WAIT).until(() -> !jdbc.sql("select active from webhook_receivers where id = :id")
                .param("id", receiverId).query(Boolean.class).single());
        GraphQl.Response health = api.execute("query($id: ID!) { webhookReceiver(id: $id) { active health { "
                + "consecutiveFailures lastFailureAt disabledReason } } }", Map.of("id", receiverId)).ok();
        assertThat(health.string("$.data.webhookReceiver.health.disabledReason")).contains("410");
        assertThat(health.<Integer>path("$.data.webhookReceiver.health.consecutiveFailures")).isEqualTo(1);
    }

    @Test
    void a_receiver_failing_every_try_for_72_hours_is_deactivated_and_its_health_shows_why() {
        long receiverId = subscribedReceiver();
        receiver.answer(Reply.status(500));
        webhooks.insertRun("first");
        receiver.awaitRequests(1, WAIT);
        long event = webhooks.onlyEventId();
        await().atMost(WAIT).until(() -> webhooks.attemptCount(event) == 1);
        assertThat(api.execute("query($id: ID!) { webhookReceiver(id: $id) { active health { failingSince } } }",
                Map.of("id", receiverId)).ok().<Object>path("$.data.webhookReceiver.health.failingSince")).isNotNull();

        clock.advance(Duration.ofHours(73));
        receiver.awaitRequests(2, WAIT);
        await().atMost(WAIT).until(() -> !jdbc.sql("select active from webhook_receivers where id = :id")
                .param("id", receiverId).query(Boolean.class).single());
        GraphQl.Response health = api.execute("query($id: ID!) { webhookReceiver(id: $id) { active health { "
                + "consecutiveFailures disabledReason } } }", Map.of("id", receiverId)).ok();
        assertThat(health.string("$.data.webhookReceiver.health.disabledReason")).startsWith("Every delivery failed since");
        assertThat(health.<Integer>path("$.data.webhookReceiver.health.consecutiveFailures")).isEqualTo(2);
        assertThat(webhooks.eventStatus(event)).as("the event waits, it is not dropped").isEqualTo("RETRYING");

        receiver.answer(Reply.status(200));
        webhooks.setReceiverActive(receiverId, true);
        clock.advance(Duration.ofHours(2));
        awaitStatus(event, "SUCCEEDED");
        assertThat(api.execute("query($id: ID!) { webhookReceiver(id: $id) { health { consecutiveFailures failingSince lastSuccessAt } } }",
                Map.of("id", receiverId)).ok().<Integer>path("$.data.webhookReceiver.health.consecutiveFailures")).isZero();
    }

    @Test
    void a_rotated_secret_keeps_signing_beside_the_new_one_for_the_overlap() throws Exception {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");
        String newSecret = api.execute("mutation($id: ID!, $e: String!) { rotateWebhookReceiverSecret(id: $id, etag: $e) { "
                + "webhookReceiver { sharedSecret } } }", Map.of("id", r.id(), "e", r.etag())).ok()
                .string("$.data.rotateWebhookReceiverSecret.webhookReceiver.sharedSecret");
        assertThat(newSecret).isNotEqualTo(r.sharedSecret());

        webhooks.insertRun("during overlap");
        ReceivedRequest during = receiver.awaitRequests(1, WAIT).getFirst();
        String[] signatures = during.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        for (String secret : List.of(newSecret, r.sharedSecret())) {
            new com.standardwebhooks.Webhook(secret).verify(during.bodyText(), Map.of(
                    "webhook-id", List.of(during.header("webhook-id")),
                    "webhook-timestamp", List.of(during.header("webhook-timestamp")),
                    "webhook-signature", List.of(during.header("webhook-signature"))));
        }

        long first = webhooks.onlyEventId();
        awaitStatus(first, "SUCCEEDED");
        clock.advance(Duration.ofHours(25));
        webhooks.insertRun("after overlap");
        ReceivedRequest after = receiver.awaitRequests(2, WAIT).get(1);
        assertThat(title(after)).isEqualTo("after overlap");
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    }

    @Test
    void each_failure_is_recorded_with_its_error_kind() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestReceiver hanging = TestReceiver.https().answer(Reply.hang());
             TestReceiver resetting = TestReceiver.https().answer(Reply.reset());
             TestReceiver untrusted = TestReceiver.https(TestCertificates.generate());
             TestReceiver redirecting = TestReceiver.https().answer(Reply.status(302).withHeader("Location", receiver.url("/x")))) {
            dns.map("rebinds.example", "93.184.216.34");
            Map<String, String> urls = Map.of(
                    "TIMEOUT", hanging.url("/h"),
                    "CONNECTION_REFUSED", "https://localhost:" + closedPort + "/h",
                    "CONNECTION_RESET", resetting.url("/h"),
                    "DNS", "https://nothing-here.invalid/h",
                    "TLS", untrusted.url("/h"),
                    "BAD_RESPONSE", redirecting.url("/h"),
                    "BLOCKED_BY_EGRESS_POLICY", "https://rebinds.example:" + receiver.port() + "/h");
            urls.forEach((kind, url) -> webhooks.subscribe(webhooks.receiver(url, "name", kind).id(), "RUNS", "CREATE"));
            // At send time the name points somewhere forbidden: checked again, refused, nothing sent.
            dns.map("rebinds.example", "169.254.169.254");

            webhooks.insertRun("fails everywhere");

            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from webhook_attempts where number = 1").query(Long.class).single() == urls.size());
            Map<String, String> kinds = new java.util.HashMap<>();
            jdbc.sql("""
                    select r.name, a.error_kind, a.error from webhook_attempts a
                    join webhook_events e on e.id = a.event_id join webhook_receivers r on r.id = e.receiver_id
                    where a.number = 1
                    """).query(rs -> {
                kinds.put(rs.getString("name"), rs.getString("error_kind"));
                assertThat(rs.getString("error")).as(rs.getString("name")).isNotBlank().doesNotContain("\tat ");
            });
            urls.keySet().forEach(kind -> assertThat(kinds.get(kind)).as(kind).isEqualTo(kind));
            GraphQl.Response audit = api.execute("""
                    { webhookEvents(filters: {status: [RETRYING]}) { edges { node { receiver { name }
                      attempts { responseStatus errorKind } } } } }
                    """).ok();
            List<Map<String, Object>> nodes = audit.path("$.data.webhookEvents.edges[*].node");
            for (Map<String, Object> node : nodes) {
                String name = JsonPath.read(node, "$.receiver.name");
                Object status = JsonPath.read(node, "$.attempts[0].responseStatus");
                if (name.equals("BAD_RESPONSE")) {
                    assertThat(status).isEqualTo(302);
                } else {
                    assertThat(status).as("no response arrived from " + name).isNull();
                }
            }
            assertThat(receiver.requests()).as("the Location and the rebinding target got nothing").isEmpty();
        }
    }

    @Test
    void a_receiver_uri_resolving_to_a_forbidden_address_is_refused_when_saved() {
        dns.map("metadata.example", "169.254.169.254");
        for (String uri : List.of("https://metadata.example/", "https://10.0.0.1/", "https://[::ffff:169.254.169.254]/",
                "https://2130706433/", "https://0x7f.0.0.1/", "https://0177.0.0.1/", "https://0.0.0.0/",
                "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a9fe:a9fe::]/")) {
            GraphQl.Response response = api.execute("mutation($u: String!) { createWebhookReceiver(input: {name: \"x\", "
                    + "webhookUri: $u}) { webhookReceiver { id } } }", Map.of("u", uri));
            assertThat(response.errorCode()).as(uri).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).as(uri).contains("webhookUri");
        }
    }

    @Test
    void egress_ips_are_listed_as_configured() {
        assertThat(api.execute("{ webhookEgressIps }").ok().<List<String>>path("$.data.webhookEgressIps")).isEmpty();
    }

    static String title(ReceivedRequest request) {
        return JsonPath.read(request.bodyText(), "$.data.title");
    }
}
