package io.hookline.api;

import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Another organization's objects are NOT_FOUND through every path: by id, in lists, nested, in mutations. */
class OrganizationIsolationTest extends IntegrationTest {

    private GraphQl intruder;
    private long receiverId;
    private String receiverEtag;
    private long headerId;
    private long subscriptionId;
    private String subscriptionEtag;
    private long eventId;

    @BeforeEach
    void acmeHasAReceiverSubscriptionHeaderAndEvent() {
        GraphQl.Response receiver = api.execute("""
                mutation { createWebhookReceiver(input: {name: "Acme ERP", webhookUri: "https://erp.acme.example/hook",
                  headers: [{key: "X-Acme", value: "secret-value"}]}) {
                  webhookReceiver { id _etag headers { id } } } }
                """).ok();
        receiverId = receiver.id("$.data.createWebhookReceiver.webhookReceiver.id");
        receiverEtag = receiver.string("$.data.createWebhookReceiver.webhookReceiver._etag");
        headerId = receiver.id("$.data.createWebhookReceiver.webhookReceiver.headers[0].id");
        GraphQl.Response subscription = api.execute("""
                mutation($r: ID!) { createWebhookSubscription(input: {receiverId: $r, resource: RUNS, action: CREATE}) {
                  webhookSubscription { id _etag } } }
                """, Map.of("r", receiverId)).ok();
        subscriptionId = subscription.id("$.data.createWebhookSubscription.webhookSubscription.id");
        subscriptionEtag = subscription.string("$.data.createWebhookSubscription.webhookSubscription._etag");
        eventId = jdbc.sql("""
                with payload as (
                    insert into webhook_event_payloads (organization_id, receiver_id, subscription_id, resource, action,
                                                        body, occurred_at, created_at)
                    values (:org, :r, :s, 'RUNS', 'CREATE', '{}', now(), now()) returning id, receiver_id, subscription_id)
                insert into webhook_deliveries (event_id, receiver_id, subscription_id, status)
                select id, receiver_id, subscription_id, 'FAILED' from payload returning event_id
                """).param("org", tenant.organizationId()).param("r", receiverId).param("s", subscriptionId)
                .query(Long.class).single();
        Tenants.Tenant other = tenants.organization("Intruder");
        intruder = api.as(other.token());
    }

    @Test
    void reads_by_id_are_not_found() {
        assertThat(intruder.execute("query($id: ID!) { webhookReceiver(id: $id) { id } }", Map.of("id", receiverId))
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("query($id: ID!) { webhookSubscription(id: $id) { id } }", Map.of("id", subscriptionId))
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("query($id: ID!) { webhookEvent(id: $id) { id } }", Map.of("id", eventId))
                .errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void lists_and_filters_show_nothing_of_the_other_organization() {
        GraphQl.Response response = intruder.execute("""
                query($r: ID!) {
                  webhookReceivers { pageInfo { totalCount } edges { node { id } } }
                  webhookSubscriptions(filters: {receiverId: $r}) { pageInfo { totalCount } }
                  all: webhookSubscriptions { pageInfo { totalCount } }
                  webhookEvents(filters: {receiverId: $r}) { pageInfo { totalCount } }
                  events: webhookEvents { pageInfo { totalCount } }
                }
                """, Map.of("r", receiverId)).ok();
        assertThat(response.<Integer>path("$.data.webhookReceivers.pageInfo.totalCount")).isZero();
        assertThat(response.<Integer>path("$.data.webhookSubscriptions.pageInfo.totalCount")).isZero();
        assertThat(response.<Integer>path("$.data.all.pageInfo.totalCount")).isZero();
        assertThat(response.<Integer>path("$.data.webhookEvents.pageInfo.totalCount")).isZero();
        assertThat(response.<Integer>path("$.data.events.pageInfo.totalCount")).isZero();
        assertThat(response.body()).doesNotContain("secret-value");
    }

    @Test
    void mutations_on_the_other_organizations_objects_are_not_found_and_change_nothing() {
        Map<String, String> documents = Map.of(
                "updateWebhookReceiver", "mutation($id: ID!, $e: String!) { updateWebhookReceiver(input: {id: $id, etag: $e, name: \"pwned\"}) { webhookReceiver { id } } }",
                "deleteWebhookReceiver", "mutation($id: ID!, $e: String!) { deleteWebhookReceiver(id: $id, etag: $e) { id } }",
                "rotateWebhookReceiverSecret", "mutation($id: ID!, $e: String!) { rotateWebhookReceiverSecret(id: $id, etag: $e) { webhookReceiver { sharedSecret } } }");
        documents.forEach((name, document) -> assertThat(intruder.execute(document,
                Map.of("id", receiverId, "e", receiverEtag)).errorCode()).as(name).isEqualTo("NOT_FOUND"));

        assertThat(intruder.execute("mutation($r: ID!) { createWebhookReceiverHeader(input: {receiverId: $r, key: \"X-Evil\", value: \"1\"}) { webhookReceiverHeader { id } } }",
                Map.of("r", receiverId)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("mutation($id: ID!, $e: String!) { updateWebhookReceiverHeader(input: {id: $id, etag: $e, value: \"x\"}) { webhookReceiverHeader { value } } }",
                Map.of("id", headerId, "e", receiverEtag)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("mutation($id: ID!, $e: String!) { deleteWebhookReceiverHeader(id: $id, etag: $e) { webhookReceiverHeader { value } } }",
                Map.of("id", headerId, "e", receiverEtag)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("mutation($r: ID!) { createWebhookSubscription(input: {receiverId: $r, resource: RUNS, action: UPDATE}) { webhookSubscription { id } } }",
                Map.of("r", receiverId)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("mutation($id: ID!, $e: String!) { updateWebhookSubscription(input: {id: $id, etag: $e, active: false}) { webhookSubscription { id } } }",
                Map.of("id", subscriptionId, "e", subscriptionEtag)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(intruder.execute("mutation($id: ID!, $e: String!) { deleteWebhookSubscription(id: $id, etag: $e) { id } }",
                Map.of("id", subscriptionId, "e", subscriptionEtag)).errorCode()).isEqualTo("NOT_FOUND");

        GraphQl.Response unchanged = api.execute("""
                query($id: ID!) { webhookReceiver(id: $id) { name _etag headers { value } subscriptions { id active } } }
                """, Map.of("id", receiverId)).ok();
        assertThat(unchanged.string("$.data.webhookReceiver.name")).isEqualTo("Acme ERP");
        assertThat(unchanged.string("$.data.webhookReceiver._etag")).isEqualTo(receiverEtag);
        assertThat(unchanged.string("$.data.webhookReceiver.headers[0].value")).isEqualTo("secret-value");
        assertThat(unchanged.<java.util.List<Boolean>>path("$.data.webhookReceiver.subscriptions[*].active")).containsExactly(true);
    }
}
