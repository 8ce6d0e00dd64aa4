package io.hookline.subscription;

import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionApiTest extends IntegrationTest {

    private static final String CREATE = """
            mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
              webhookSubscription { id resource action active receiverId _etag createdBy { id name } receiver { id } } } }
            """;

    private long receiverId;

    @BeforeEach
    void aReceiver() {
        receiverId = api.execute("mutation { createWebhookReceiver(input: {name: \"QA\", webhookUri: \"https://qa.example.com/h\"}) { webhookReceiver { id } } }")
                .ok().id("$.data.createWebhookReceiver.webhookReceiver.id");
    }

    private GraphQl.Response create(String resource, String action) {
        return api.execute(CREATE, Map.of("input", Map.of("receiverId", receiverId, "resource", resource, "action", action)));
    }

    @Test
    void singular_spellings_are_accepted_and_stored_as_the_plural() {
        GraphQl.Response response = create("RUN", "UPDATE").ok();
        assertThat(response.string("$.data.createWebhookSubscription.webhookSubscription.resource")).isEqualTo("RUNS");
        assertThat(create("PURCHASE_ORDER", "CREATE").ok()
                .string("$.data.createWebhookSubscription.webhookSubscription.resource")).isEqualTo("PURCHASE_ORDERS");
    }

    @Test
    void every_resource_of_the_enum_can_be_subscribed() {
        for (String resource : List.of("LOCATIONS", "PARTS", "PART_INVENTORIES", "PROCEDURES", "RUNS", "RUN_STEPS",
                "RUN_STEP_FIELD_VALUES", "ISSUES", "PURCHASE_ORDERS", "PURCHASE_ORDER_LINES", "RECEIPTS", "FILE_ATTACHMENTS")) {
            create(resource, "CREATE").ok();
        }
        assertThat(api.execute("{ webhookSubscriptions(first: 100) { pageInfo { totalCount } } }").ok()
                .<Integer>path("$.data.webhookSubscriptions.pageInfo.totalCount")).isEqualTo(12);
    }

    @Test
    void the_same_pair_twice_on_one_receiver_is_a_conflict() {
        create("RUNS", "CREATE").ok();
        assertThat(create("RUNS", "CREATE").errorCode()).isEqualTo("CONFLICT");
        assertThat(create("RUN", "CREATE").errorCode()).as("the alias is the same pair").isEqualTo("CONFLICT");
    }

    @Test
    void unknown_resources_actions_and_receivers_are_refused() {
        assertThat(create("WIDGETS", "CREATE").errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(create("RUNS", "EXPLODE").errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.execute(CREATE, Map.of("input", Map.of("receiverId", 999, "resource", "RUNS", "action", "CREATE")))
                .errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void created_by_is_the_caller() {
        GraphQl.Response response = create("ISSUES", "CREATE").ok();
        assertThat(response.id("$.data.createWebhookSubscription.webhookSubscription.createdBy.id")).isEqualTo(tenant.userId());
        assertThat(response.id("$.data.createWebhookSubscription.webhookSubscription.receiver.id")).isEqualTo(receiverId);
    }

    @Test
    void update_with_etag_pauses_and_a_stale_etag_conflicts() {
        GraphQl.Response created = create("RUNS", "CREATE").ok();
        long id = created.id("$.data.createWebhookSubscription.webhookSubscription.id");
        String etag = created.string("$.data.createWebhookSubscription.webhookSubscription._etag");
        String update = "mutation($i: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $i) { webhookSubscription { active action _etag } } }";

        GraphQl.Response paused = api.execute(update, Map.of("i", Map.of("id", id, "etag", etag, "active", false))).ok();
        assertThat(paused.<Boolean>path("$.data.updateWebhookSubscription.webhookSubscription.active")).isFalse();
        assertThat(api.execute(update, Map.of("i", Map.of("id", id, "etag", etag, "action", "DELETE"))).errorCode())
                .isEqualTo("CONFLICT");
        create("RUNS", "DELETE").ok();
        String newEtag = paused.string("$.data.updateWebhookSubscription.webhookSubscription._etag");
        assertThat(api.execute(update, Map.of("i", Map.of("id", id, "etag", newEtag, "action", "DELETE"))).errorCode())
                .as("would duplicate another subscription").isEqualTo("CONFLICT");
        assertThat(api.execute("mutation($id: ID!, $e: String!) { deleteWebhookSubscription(id: $id, etag: $e) { id } }",
                Map.of("id", id, "e", newEtag)).ok().id("$.data.deleteWebhookSubscription.id")).isEqualTo(id);
    }

    @Test
    void writing_a_subscription_that_is_gone_is_not_found_not_a_conflict() {
        GraphQl.Response created = create("RUNS", "CREATE").ok();
        long id = created.id("$.data.createWebhookSubscription.webhookSubscription.id");
        String etag = created.string("$.data.createWebhookSubscription.webhookSubscription._etag");
        String update = "mutation($i: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $i) { webhookSubscription { id } } }";
        String delete = "mutation($id: ID!, $e: String!) { deleteWebhookSubscription(id: $id, etag: $e) { id } }";
        api.execute(delete, Map.of("id", id, "e", etag)).ok();

        assertThat(api.execute(update, Map.of("i", Map.of("id", id, "etag", etag, "active", false))).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(api.execute(delete, Map.of("id", id, "e", etag)).errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void list_filters_by_receiver_resource_action_and_active() {
        create("RUNS", "CREATE").ok();
        create("RUNS", "UPDATE").ok();
        create("ISSUES", "CREATE").ok();
        GraphQl.Response response = api.execute("""
                { runs: webhookSubscriptions(filters: {resource: RUNS}) { pageInfo { totalCount } }
                  creates: webhookSubscriptions(filters: {action: CREATE, active: true}) { pageInfo { totalCount } }
                  none: webhookSubscriptions(filters: {active: false}) { pageInfo { totalCount } } }
                """).ok();
        assertThat(response.<Integer>path("$.data.runs.pageInfo.totalCount")).isEqualTo(2);
        assertThat(response.<Integer>path("$.data.creates.pageInfo.totalCount")).isEqualTo(2);
        assertThat(response.<Integer>path("$.data.none.pageInfo.totalCount")).isZero();
    }
}
