package io.hookline.testing;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Sets up receivers and subscriptions through the public API, and makes changes with plain SQL. */
public final class Webhooks {

    private final GraphQl api;
    private final JdbcClient jdbc;
    private final long organizationId;

    public Webhooks(GraphQl api, JdbcClient jdbc, long organizationId) {
        this.api = api;
        this.jdbc = jdbc;
        this.organizationId = organizationId;
    }

    public record Receiver(long id, String sharedSecret, String etag) {
    }

    public Receiver receiver(String url, Object... extra) {
        Map<String, Object> input = new HashMap<>(Map.of("name", "receiver", "webhookUri", url));
        for (int i = 0; i < extra.length; i += 2) {
            input.put((String) extra[i], extra[i + 1]);
        }
        GraphQl.Response response = api.execute("""
                mutation($input: CreateWebhookReceiverInput!) { createWebhookReceiver(input: $input) {
                  webhookReceiver { id sharedSecret _etag } } }
                """, Map.of("input", input)).ok();
        return new Receiver(response.id("$.data.createWebhookReceiver.webhookReceiver.id"),
                response.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret"),
                response.string("$.data.createWebhookReceiver.webhookReceiver._etag"));
    }

    public long subscribe(long receiverId, String resource, String action) {
        return api.execute("""
                mutation($r: ID!, $res: ResourceEnum!, $a: ActionEnum!) {
                  createWebhookSubscription(input: {receiverId: $r, resource: $res, action: $a}) { webhookSubscription { id } } }
                """, Map.of("r", receiverId, "res", resource, "a", action)).ok()
                .id("$.data.createWebhookSubscription.webhookSubscription.id");
    }

    /** A receiver at {@code url} subscribed to one resource and action; returns its id. */
    public long subscribedReceiver(String url, String resource, String action) {
        long receiverId = receiver(url).id();
        subscribe(receiverId, resource, action);
        return receiverId;
    }

    /** Queues the receiver's test event, as the console's "send test" does. */
    public void sendTestEvent(long receiverId) {
        api.execute("mutation($r: ID!) { sendTestWebhookEvent(receiverId: $r) { webhookEvent { id } } }",
                Map.of("r", receiverId)).ok();
    }

    /** Inserts a run with plain SQL, as any other writer of the database would. */
    public long insertRun(String title) {
        return jdbc.sql("insert into runs (organization_id, title) values (:org, :title) returning id")
                .param("org", organizationId).param("title", title).query(Long.class).single();
    }

    public String receiverEtag(long receiverId) {
        return jdbc.sql("select etag from webhook_receivers where id = :id").param("id", receiverId)
                .query(String.class).single();
    }

    public void setReceiverActive(long receiverId, boolean active) {
        api.execute("""
                mutation($id: ID!, $e: String!, $a: Boolean!) { updateWebhookReceiver(input: {id: $id, etag: $e, active: $a}) {
                  webhookReceiver { id } } }
                """, Map.of("id", receiverId, "e", receiverEtag(receiverId), "a", active)).ok();
    }

    public String eventStatus(long eventId) {
        return jdbc.sql("select status from webhook_events where id = :id").param("id", eventId).query(String.class).single();
    }

    public long onlyEventId() {
        return jdbc.sql("select id from webhook_events").query(Long.class).single();
    }

    public int attemptCount(long eventId) {
        return jdbc.sql("select count(*) from webhook_attempts where event_id = :id").param("id", eventId)
                .query(Integer.class).single();
    }
}
