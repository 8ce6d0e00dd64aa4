package io.hookline.receiver;

import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiverApiTest extends IntegrationTest {

    static final String CREATE = """
            mutation($input: CreateWebhookReceiverInput!) {
              createWebhookReceiver(input: $input) {
                webhookReceiver { id name description webhookUri sharedSecret contentType expectedResponseCode active
                                  _etag headers { id key value } createdBy { id } createdAt updatedAt
                                  health { consecutiveFailures disabledReason } }
              }
            }
            """;
    static final String UPDATE = """
            mutation($input: UpdateWebhookReceiverInput!) {
              updateWebhookReceiver(input: $input) {
                webhookReceiver { id name description webhookUri sharedSecret contentType expectedResponseCode active
                                  _etag headers { id key value } }
              }
            }
            """;

    private GraphQl.Response create(Map<String, Object> input) {
        return api.execute(CREATE, Map.of("input", input));
    }

    private GraphQl.Response created(Map<String, Object> input) {
        return create(input).ok();
    }

    private static Map<String, Object> receiver(Object... extra) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("name", "ERP", "webhookUri", "https://erp.example.com/hooks"));
        for (int i = 0; i < extra.length; i += 2) {
            input.put((String) extra[i], extra[i + 1]);
        }
        return input;
    }

    @Test
    void defaults_are_json_200_active_and_a_generated_secret() {
        GraphQl.Response response = created(receiver());
        assertThat(response.string("$.data.createWebhookReceiver.webhookReceiver.contentType")).isEqualTo("JSON");
        assertThat(response.<Integer>path("$.data.createWebhookReceiver.webhookReceiver.expectedResponseCode")).isEqualTo(200);
        assertThat(response.<Boolean>path("$.data.createWebhookReceiver.webhookReceiver.active")).isTrue();
        String secret = response.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret");
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(response.id("$.data.createWebhookReceiver.webhookReceiver.createdBy.id")).isEqualTo(tenant.userId());
    }

    @Test
    void a_given_secret_is_kept_and_a_malformed_one_is_refused() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(created(receiver("sharedSecret", secret))
                .string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret")).isEqualTo(secret);
        for (String bad : List.of("secret", "whsec_", "whsec_!!!", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[8]))) {
            GraphQl.Response response = create(receiver("sharedSecret", bad));
            assertThat(response.errorCode()).as(bad).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).contains("sharedSecret");
        }
    }

    @Test
    void webhook_uri_must_be_an_absolute_https_url_with_a_host() {
        for (String bad : List.of("", "not a url", "/relative/path", "ftp://example.com/x", "https://", "https:///path",
                "mailto:a@example.com")) {
            GraphQl.Response response = create(receiver("webhookUri", bad));
            assertThat(response.errorCode()).as(bad).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).as(bad).contains("webhookUri");
        }
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).isZero();
    }

    @Test
    void expected_response_code_must_be_2xx() {
        for (int bad : List.of(100, 199, 300, 404, 500)) {
            GraphQl.Response response = create(receiver("expectedResponseCode", bad));
            assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).contains("expectedResponseCode");
        }
        assertThat(created(receiver("expectedResponseCode", 204))
                .<Integer>path("$.data.createWebhookReceiver.webhookReceiver.expectedResponseCode")).isEqualTo(204);
    }

    @Test
    void name_is_required_and_bounded() {
        assertThat(create(receiver("name", "  ")).errorMessage()).contains("name");
        assertThat(create(receiver("name", "x".repeat(201))).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void form_urlencoded_content_type_is_accepted_and_an_unknown_one_is_refused() {
        assertThat(created(receiver("contentType", "FORM_URLENCODED"))
                .string("$.data.createWebhookReceiver.webhookReceiver.contentType")).isEqualTo("FORM_URLENCODED");
        assertThat(create(receiver("contentType", "XML")).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void custom_headers_must_be_valid_tokens_not_reserved_without_newlines_and_bounded() {
        List<Map<String, String>> bad = List.of(
                Map.of("key", "bad header", "value", "x"),
                Map.of("key", "X-Ok", "value", "line\r\nInjected: yes"),
                Map.of("key", "Content-Type", "value", "text/plain"),
                Map.of("key", "webhook-signature", "value", "v1,forged"),
                Map.of("key", "X-ION-Signature", "value", "forged"),
                Map.of("key", "Host", "value", "evil"),
                Map.of("key", "User-Agent", "value", "me"),
                Map.of("key", "Content-Length", "value", "1"),
                Map.of("key", "Content-Encoding", "value", "gzip"),
                Map.of("key", "Accept-Encoding", "value", "br"),
                Map.of("key", "Date", "value", "Tue, 01 Dec 2026 00:00:00 GMT"),
                Map.of("key", "Via", "value", "1.1 proxy"),
                Map.of("key", "X-Ok", "value", "tab\u0001control"),
                Map.of("key", "X-Ok", "value", "caf\u00e9"),
                Map.of("key", "X-Ok", "value", "\u20ac"));
        for (Map<String, String> header : bad) {
            GraphQl.Response response = create(receiver("headers", List.of(header)));
            assertThat(response.errorCode()).as(header.toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).contains("headers");
        }
        List<Map<String, String>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(Map.of("key", "X-H" + i, "value", "v"));
        }
        assertThat(create(receiver("headers", tooMany)).errorMessage()).contains("at most 20");
        assertThat(create(receiver("headers", List.of(Map.of("key", "X-Big", "value", "v".repeat(8200)))))
                .errorMessage()).contains("8192");
        assertThat(create(receiver("headers", List.of(Map.of("key", "X-A", "value", "1"), Map.of("key", "x-a", "value", "2"))))
                .errorMessage()).contains("twice");
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).isZero();
    }

    @Test
    void headers_can_be_added_changed_and_removed_and_each_change_renews_the_etag() {
        GraphQl.Response response = created(receiver("headers", List.of(Map.of("key", "X-Tenant", "value", "acme"))));
        long id = response.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String etag = response.string("$.data.createWebhookReceiver.webhookReceiver._etag");
        assertThat(response.<List<?>>path("$.data.createWebhookReceiver.webhookReceiver.headers")).hasSize(1);

        GraphQl.Response added = api.execute("""
                mutation($r: ID!) { createWebhookReceiverHeader(input: {receiverId: $r, key: "Authorization", value: "Bearer t"}) {
                  webhookReceiverHeader { id key value } webhookReceiver { _etag headers { key } } } }
                """, Map.of("r", id)).ok();
        String etag2 = added.string("$.data.createWebhookReceiverHeader.webhookReceiver._etag");
        assertThat(etag2).isNotEqualTo(etag);
        long headerId = added.id("$.data.createWebhookReceiverHeader.webhookReceiverHeader.id");

        String updateHeader = """
                mutation($id: ID!, $etag: String!) { updateWebhookReceiverHeader(input: {id: $id, etag: $etag, value: "Bearer u"}) {
                  webhookReceiverHeader { value } webhookReceiver { _etag } } }
                """;
        assertThat(api.execute(updateHeader, Map.of("id", headerId, "etag", etag)).errorCode()).isEqualTo("CONFLICT");
        GraphQl.Response updated = api.execute(updateHeader, Map.of("id", headerId, "etag", etag2)).ok();
        assertThat(updated.string("$.data.updateWebhookReceiverHeader.webhookReceiverHeader.value")).isEqualTo("Bearer u");
        String etag3 = updated.string("$.data.updateWebhookReceiverHeader.webhookReceiver._etag");

        GraphQl.Response removed = api.execute("""
                mutation($id: ID!, $etag: String!) { deleteWebhookReceiverHeader(id: $id, etag: $etag) {
                  webhookReceiver { _etag headers { key } } } }
                """, Map.of("id", headerId, "etag", etag3)).ok();
        assertThat(removed.<List<String>>path("$.data.deleteWebhookReceiverHeader.webhookReceiver.headers[*].key"))
                .containsExactly("X-Tenant");
        assertThat(removed.string("$.data.deleteWebhookReceiverHeader.webhookReceiver._etag")).isNotEqualTo(etag3);
    }

    @Test
    void a_stale_etag_is_a_conflict_and_changes_nothing() {
        GraphQl.Response response = created(receiver());
        long id = response.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String etag = response.string("$.data.createWebhookReceiver.webhookReceiver._etag");

        GraphQl.Response first = api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag, "name", "ERP 2"))).ok();
        String newEtag = first.string("$.data.updateWebhookReceiver.webhookReceiver._etag");
        assertThat(newEtag).isNotEqualTo(etag);

        GraphQl.Response stale = api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag, "name", "Lost update")));
        assertThat(stale.errorCode()).isEqualTo("CONFLICT");
        assertThat(api.execute("mutation($id: ID!, $e: String!) { deleteWebhookReceiver(id: $id, etag: $e) { id } }",
                Map.of("id", id, "e", etag)).errorCode()).isEqualTo("CONFLICT");
        assertThat(jdbc.sql("select name from webhook_receivers where id = :id").param("id", id).query(String.class).single())
                .isEqualTo("ERP 2");
    }

    @Test
    void writing_a_receiver_that_is_gone_is_not_found_not_a_conflict() {
        GraphQl.Response response = created(receiver());
        long id = response.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String etag = response.string("$.data.createWebhookReceiver.webhookReceiver._etag");
        String delete = "mutation($id: ID!, $e: String!) { deleteWebhookReceiver(id: $id, etag: $e) { id } }";
        api.execute(delete, Map.of("id", id, "e", etag)).ok();

        assertThat(api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag, "name", "Ghost"))).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(api.execute(delete, Map.of("id", id, "e", etag)).errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void update_changes_only_the_given_fields_and_validates_them() {
        GraphQl.Response response = created(receiver("description", "keep me"));
        long id = response.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String etag = response.string("$.data.createWebhookReceiver.webhookReceiver._etag");

        assertThat(api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag, "webhookUri", "http:/x")))
                .errorCode()).isEqualTo("BAD_USER_INPUT");
        GraphQl.Response updated = api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag,
                "expectedResponseCode", 202, "active", false))).ok();
        assertThat(updated.string("$.data.updateWebhookReceiver.webhookReceiver.description")).isEqualTo("keep me");
        assertThat(updated.<Integer>path("$.data.updateWebhookReceiver.webhookReceiver.expectedResponseCode")).isEqualTo(202);
        assertThat(updated.<Boolean>path("$.data.updateWebhookReceiver.webhookReceiver.active")).isFalse();
    }

    @Test
    void deleting_a_receiver_deletes_its_subscriptions_and_keeps_its_events() {
        GraphQl.Response response = created(receiver());
        long id = response.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String etag = response.string("$.data.createWebhookReceiver.webhookReceiver._etag");
        api.execute("mutation($r: ID!) { createWebhookSubscription(input: {receiverId: $r, resource: RUNS, action: CREATE}) { webhookSubscription { id } } }",
                Map.of("r", id)).ok();
        jdbc.sql("""
                with payload as (
                    insert into webhook_event_payloads (organization_id, receiver_id, subscription_id, resource, action,
                                                        body, occurred_at, created_at)
                    select organization_id, receiver_id, id, resource, action, '{}', now(), now()
                    from webhook_subscriptions
                    returning id, receiver_id, subscription_id)
                insert into webhook_deliveries (event_id, receiver_id, subscription_id, status, next_attempt_at)
                select id, receiver_id, subscription_id, 'PENDING', now() from payload
                """).update();

        api.execute("mutation($id: ID!, $e: String!) { deleteWebhookReceiver(id: $id, etag: $e) { id } }",
                Map.of("id", id, "e", etag)).ok();

        assertThat(api.execute("query($id: ID!) { webhookReceiver(id: $id) { id } }", Map.of("id", id)).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(jdbc.sql("select count(*) from webhook_subscriptions").query(Long.class).single()).isZero();
        GraphQl.Response events = api.execute("{ webhookEvents { edges { node { id status receiver { id } } } } }").ok();
        assertThat(events.<List<String>>path("$.data.webhookEvents.edges[*].node.status")).containsExactly("CANCELED");
    }

    @Test
    void secrets_and_header_values_are_not_stored_in_plaintext() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        created(receiver("sharedSecret", secret, "headers", List.of(Map.of("key", "Authorization", "value", "Bearer s3cr3t-token"))));

        String everything = jdbc.sql("""
                select coalesce(string_agg(t, ' '), '') from (
                  select row_to_json(r)::text as t from webhook_receivers r
                  union all select row_to_json(h)::text from webhook_receiver_headers h) rows
                """).query(String.class).single();
        assertThat(everything).doesNotContain(secret).doesNotContain(secret.substring(6)).doesNotContain("s3cr3t-token")
                .contains("v1:");
        GraphQl.Response read = api.execute("{ webhookReceivers { edges { node { sharedSecret headers { value } } } } }").ok();
        assertThat(read.string("$.data.webhookReceivers.edges[0].node.sharedSecret")).isEqualTo(secret);
        assertThat(read.string("$.data.webhookReceivers.edges[0].node.headers[0].value")).isEqualTo("Bearer s3cr3t-token");
    }
}
