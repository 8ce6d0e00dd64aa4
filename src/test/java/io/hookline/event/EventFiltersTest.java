package io.hookline.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

/** The audit trail's filters, as the console's events page combines them. */
class EventFiltersTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String IDS = """
            query($f: WebhookEventFilters) { webhookEvents(first: 100, filters: $f) { edges { node { id } } } }
            """;

    @Test
    void an_event_is_found_by_its_id_and_only_in_its_own_organization() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribedReceiver(receiver.url("/a"), "RUNS", "CREATE");
            webhooks.insertRun("one");
            webhooks.insertRun("two");
            List<Long> events = awaitEvents(2);

            assertThat(ids(api, Map.of("id", events.get(1)))).containsExactly(events.get(1));
            assertThat(ids(api, Map.of("id", events.get(1), "status", List.of("CANCELED")))).isEmpty();
            GraphQl other = new GraphQl(port, tenants.organization("Other plant").token());
            assertThat(ids(other, Map.of("id", events.get(1)))).as("another organization's event").isEmpty();
            assertThat(api.execute(IDS, Map.of("f", Map.of("id", "evt_" + events.get(1)))).errorCode())
                    .isEqualTo("BAD_USER_INPUT");
        }
    }

    @Test
    void receiver_resource_action_and_time_range_narrow_the_list_together() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long a = webhooks.subscribedReceiver(receiver.url("/a"), "RUNS", "CREATE");
            webhooks.subscribe(a, "RUNS", "UPDATE");
            long b = webhooks.subscribedReceiver(receiver.url("/b"), "RUNS", "CREATE");
            long run = webhooks.insertRun("first");
            awaitEvents(2);
            jdbc.sql("update runs set status = 'IN_PROGRESS' where id = :id").param("id", run).update();
            List<Long> all = awaitEvents(3);
            long update = eventOf(a, "UPDATE");
            OffsetDateTime updateCreated = jdbc.sql("select created_at from webhook_events where id = :id")
                    .param("id", update).query(OffsetDateTime.class).single();

            assertThat(ids(api, Map.of("receiverId", a))).hasSize(2).doesNotContain(eventOf(b, "CREATE"));
            assertThat(ids(api, Map.of("receiverId", a, "resource", "RUNS", "action", "UPDATE"))).containsExactly(update);
            assertThat(ids(api, Map.of("action", "CREATE"))).containsExactlyInAnyOrder(eventOf(a, "CREATE"), eventOf(b, "CREATE"));
            assertThat(ids(api, Map.of("createdAfter", updateCreated.minusNanos(1000).toString(),
                    "createdBefore", updateCreated.plusNanos(1000).toString()))).containsExactly(update);
            assertThat(ids(api, Map.of("createdBefore", updateCreated.minusNanos(1000).toString())))
                    .containsExactlyInAnyOrderElementsOf(all.stream().filter(id -> id != update).toList());
        }
    }

    @Test
    void a_subscription_narrows_the_list_to_its_own_events_also_with_its_receiver() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long line = webhooks.receiver(receiver.url("/a"), "name", "Line").id();
            long creates = webhooks.subscribe(line, "RUNS", "CREATE");
            long updates = webhooks.subscribe(line, "RUNS", "UPDATE");
            long run = webhooks.insertRun("first");
            awaitEvents(1);
            jdbc.sql("update runs set status = 'IN_PROGRESS' where id = :id").param("id", run).update();
            awaitEvents(2);

            assertThat(ids(api, Map.of("subscriptionId", updates))).containsExactly(eventOf(line, "UPDATE"));
            assertThat(ids(api, Map.of("receiverId", line, "subscriptionId", creates)))
                    .containsExactly(eventOf(line, "CREATE"));
            assertThat(ids(api, Map.of("subscriptionId", creates, "action", "UPDATE"))).isEmpty();
        }
    }

    private List<Long> awaitEvents(int count) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from webhook_events").query(Integer.class).single() == count);
        return jdbc.sql("select id from webhook_events order by id").query(Long.class).list();
    }

    private long eventOf(long receiverId, String action) {
        return jdbc.sql("select id from webhook_events where receiver_id = :r and action = :a")
                .param("r", receiverId).param("a", action).query(Long.class).single();
    }

    private static List<Long> ids(GraphQl client, Map<String, Object> filters) {
        List<String> ids = client.execute(IDS, Map.of("f", filters)).ok().path("$.data.webhookEvents.edges[*].node.id");
        return ids.stream().map(Long::parseLong).toList();
    }
}
