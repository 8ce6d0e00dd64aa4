package io.hookline.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import com.standardwebhooks.Webhook;
import io.hookline.testing.GraphQl;
import io.hookline.testing.HttpsReceiverTest;
import io.hookline.testing.ReceivedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Committed changes, however they are written, reach their receivers signed; nothing else does. */
class CapturePipelineTest extends HttpsReceiverTest {

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void a_run_created_after_the_reference_setup_arrives_once_over_https_with_verifiable_signatures() throws Exception {
        GraphQl.Response created = api.execute("""
                mutation CreateWebhookReceiver($input: CreateWebhookReceiverInput!) {
                createWebhookReceiver(input: $input) {
                webhookReceiver {
                id name description webhookUri sharedSecret contentType expectedResponseCode
                active subscriptions { resource action id } headers { key value id }
                }
                }
                }
                """, Map.of("input", Map.of("name", "Our example server", "webhookUri", receiver.url("/hooks")))).ok();
        String secret = created.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret");
        api.execute("""
                mutation CreateWebhookSubscription($input: CreateWebhookSubscriptionInput!) {
                createWebhookSubscription(input: $input) {
                webhookSubscription {
                resource action id active receiverId events { id status }
                }
                }
                }
                """, Map.of("input", Map.of("receiverId", 1, "resource", "RUNS", "action", "CREATE"))).ok();

        long runId = webhooks.insertRun("Build 7 flight computers");

        ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
        String body = request.bodyText();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("user-agent")).startsWith("Hookline/");
        new Webhook(secret).verify(body, Map.of(
                "webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature"))));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.header("x-ion-signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));

        long eventId = webhooks.onlyEventId();
        assertThat(request.header("webhook-id")).isEqualTo("evt_" + eventId);
        assertThat(JsonPath.<Integer>read(body, "$.event_id")).isEqualTo((int) eventId);
        assertThat(JsonPath.<String>read(body, "$.resource")).isEqualTo("RUNS");
        assertThat(JsonPath.<String>read(body, "$.action")).isEqualTo("CREATE");
        assertThat(JsonPath.<Integer>read(body, "$.receiver_id")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(body, "$.data.id")).isEqualTo((int) runId);
        assertThat(JsonPath.<String>read(body, "$.data.title")).isEqualTo("Build 7 flight computers");
        assertThat(JsonPath.<String>read(body, "$.occurred_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(JsonPath.<Object>read(body, "$.previous_data")).isNull();
        assertThat(JsonPath.<Object>read(body, "$.transaction_id")).isNotNull();

        await().atMost(WAIT).until(() -> webhooks.eventStatus(eventId).equals("SUCCEEDED"));
        GraphQl.Response audit = api.execute("query($id: ID!) { webhookEvent(id: $id) { status payload attemptCount "
                + "attempts { number trigger responseStatus durationMs errorKind } } }", Map.of("id", eventId)).ok();
        assertThat(audit.string("$.data.webhookEvent.payload")).isEqualTo(body);
        assertThat(audit.<Integer>path("$.data.webhookEvent.attempts[0].responseStatus")).isEqualTo(200);
        assertThat(audit.string("$.data.webhookEvent.attempts[0].trigger")).isEqualTo("SCHEDULED");
        assertThat(audit.<Object>path("$.data.webhookEvent.attempts[0].errorKind")).isNull();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void a_rolled_back_insert_sends_nothing() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");

        transaction.executeWithoutResult(tx -> {
            webhooks.insertRun("never happened");
            tx.setRollbackOnly();
        });
        webhooks.insertRun("committed");

        ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
        assertThat(JsonPath.<String>read(request.bodyText(), "$.data.title")).isEqualTo("committed");
        assertThat(jdbc.sql("select count(*) from webhook_events").query(Long.class).single()).isEqualTo(1);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void an_update_that_changes_nothing_sends_nothing_and_a_real_one_names_its_changed_fields() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "UPDATE");
        long run = webhooks.insertRun("Build");

        jdbc.sql("update runs set title = title, status = status where id = :id").param("id", run).update();
        jdbc.sql("update runs set status = 'IN_PROGRESS', updated_at = now(), etag = new_etag() where id = :id")
                .param("id", run).update();

        String body = receiver.awaitRequests(1, WAIT).getFirst().bodyText();
        assertThat(JsonPath.<List<String>>read(body, "$.changed_fields")).containsExactly("status");
        assertThat(JsonPath.<String>read(body, "$.previous_data.status")).isEqualTo("TODO");
        assertThat(JsonPath.<String>read(body, "$.data.status")).isEqualTo("IN_PROGRESS");
        assertThat(jdbc.sql("select count(*) from webhook_events where action = 'UPDATE'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void a_change_committed_after_a_later_one_is_not_skipped() throws Exception {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");
        try (java.sql.Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (var insert = slow.prepareStatement("insert into runs (organization_id, title) values (?, 'first written')")) {
                insert.setLong(1, tenant.organizationId());
                insert.executeUpdate();
            }
            webhooks.insertRun("second written, first committed");
            assertThat(JsonPath.<String>read(receiver.awaitRequests(1, WAIT).getFirst().bodyText(), "$.data.title"))
                    .isEqualTo("second written, first committed");
            slow.commit();
        }
        assertThat(JsonPath.<String>read(receiver.awaitRequests(2, WAIT).get(1).bodyText(), "$.data.title"))
                .isEqualTo("first written");
        assertThat(jdbc.sql("select count(*) from change_log").query(Long.class).single()).isZero();
    }

    @Test
    void delivery_is_measured_for_prometheus() throws Exception {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");
        webhooks.insertRun("measured");
        receiver.awaitRequests(1, WAIT);
        await().atMost(WAIT).until(() -> webhooks.eventStatus(webhooks.onlyEventId()).equals("SUCCEEDED"));

        var http = java.net.http.HttpClient.newHttpClient();
        var scrape = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/prometheus")).build();
        // Counted right after the outcome is recorded, so the scrape may come a moment before.
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                http.send(scrape, java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                .contains("hookline_fanout_events_total", "hookline_delivery_attempts_total{outcome=\"delivered\"",
                        "hookline_delivery_latency_seconds_bucket", "hookline_events_due",
                        "hookline_events_oldest_due_age_seconds"));
    }

    @Test
    void with_a_database_url_configured_no_embedded_database_starts() {
        assertThat(context.getBeanProvider(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getIfAvailable())
                .isNull();
    }

    @Test
    void events_are_numbered_in_the_order_of_their_changes() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        for (String action : List.of("CREATE", "UPDATE", "DELETE")) {
            webhooks.subscribe(r.id(), "RUNS", action);
        }
        transaction.executeWithoutResult(tx -> {
            for (int i = 0; i < 50; i++) {
                long run = webhooks.insertRun("run " + i);
                jdbc.sql("update runs set status = 'IN_PROGRESS' where id = :id").param("id", run).update();
                jdbc.sql("delete from runs where id = :id").param("id", run).update();
            }
        });
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from webhook_events").query(Long.class).single() == 150);
        List<Long> changeIdsByEventId = jdbc.sql("select change_id from webhook_events order by id").query(Long.class).list();
        assertThat(changeIdsByEventId).isSorted();
    }

    @Test
    void deletes_fire_with_the_row_before() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "DELETE");
        long run = webhooks.insertRun("Scrap me");
        jdbc.sql("delete from runs where id = :id").param("id", run).update();

        String body = receiver.awaitRequests(1, WAIT).getFirst().bodyText();
        assertThat(JsonPath.<String>read(body, "$.action")).isEqualTo("DELETE");
        assertThat(JsonPath.<Object>read(body, "$.data")).isNull();
        assertThat(JsonPath.<String>read(body, "$.previous_data.title")).isEqualTo("Scrap me");
    }

    @Test
    void ten_thousand_rows_inserted_in_one_statement_all_arrive_once() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");

        jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 10000) n")
                .param("org", tenant.organizationId()).update();

        List<ReceivedRequest> requests = receiver.awaitRequests(10_000, Duration.ofMinutes(3));
        Set<String> ids = requests.stream().map(q -> q.header("webhook-id")).collect(Collectors.toSet());
        assertThat(ids).hasSize(10_000);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from webhook_events where status = 'SUCCEEDED'")
                .query(Long.class).single() == 10_000);
    }

    @Test
    void subscriptions_of_other_resources_actions_and_organizations_hear_nothing() {
        var r = webhooks.receiver(receiver.url("/hooks"));
        webhooks.subscribe(r.id(), "RUNS", "DELETE");
        webhooks.subscribe(r.id(), "ISSUES", "CREATE");
        var other = tenants.organization("Other");
        jdbc.sql("insert into runs (organization_id, title) values (:org, 'not mine')").param("org", other.organizationId()).update();
        webhooks.insertRun("created, not deleted");
        webhooks.subscribe(r.id(), "RUNS", "UPDATE");
        long marker = webhooks.insertRun("marker");
        jdbc.sql("update runs set title = 'marker!' where id = :id").param("id", marker).update();

        assertThat(JsonPath.<String>read(receiver.awaitRequests(1, WAIT).getFirst().bodyText(), "$.data.title"))
                .isEqualTo("marker!");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void custom_headers_and_form_encoding_reach_the_receiver_and_the_signature_covers_the_sent_body() throws Exception {
        var r = webhooks.receiver(receiver.url("/form"), "contentType", "FORM_URLENCODED",
                "headers", List.of(Map.of("key", "Authorization", "value", "Bearer abc")));
        webhooks.subscribe(r.id(), "RUNS", "CREATE");
        webhooks.insertRun("form me");

        ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
        assertThat(request.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.header("authorization")).isEqualTo("Bearer abc");
        String body = request.bodyText();
        assertThat(body).startsWith("payload=");
        String json = java.net.URLDecoder.decode(body.substring("payload=".length()), StandardCharsets.UTF_8);
        assertThat(JsonPath.<String>read(json, "$.data.title")).isEqualTo("form me");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(r.sharedSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.header("x-ion-signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(MessageDigest.isEqual(json.getBytes(StandardCharsets.UTF_8),
                jdbc.sql("select body from webhook_events").query(String.class).single().getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void a_test_event_is_sent_through_the_same_path_and_shown_in_the_audit_trail() {
        var r = webhooks.receiver(receiver.url("/hooks"));

        GraphQl.Response sent = api.execute("mutation($r: ID!) { sendTestWebhookEvent(receiverId: $r) { webhookEvent { id test status } } }",
                Map.of("r", r.id())).ok();

        String body = receiver.awaitRequests(1, WAIT).getFirst().bodyText();
        assertThat(JsonPath.<Boolean>read(body, "$.test")).isTrue();
        assertThat(JsonPath.<Integer>read(body, "$.receiver_id")).isEqualTo((int) r.id());
        long id = sent.id("$.data.sendTestWebhookEvent.webhookEvent.id");
        await().atMost(WAIT).until(() -> webhooks.eventStatus(id).equals("SUCCEEDED"));
        GraphQl.Response audit = api.execute("{ webhookEvents(filters: {status: [SUCCEEDED]}) { edges { node { id test resource attempts { trigger } } } } }").ok();
        assertThat(audit.<Boolean>path("$.data.webhookEvents.edges[0].node.test")).isTrue();
        assertThat(audit.string("$.data.webhookEvents.edges[0].node.attempts[0].trigger")).isEqualTo("MANUAL");
    }
}
