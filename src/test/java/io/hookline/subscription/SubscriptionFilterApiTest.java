package io.hookline.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter's shape in the API and every rule of docs/filters.md on bad filters. */
class SubscriptionFilterApiTest extends IntegrationTest {

    private static final String FILTER_FIELDS = """
            filter { field equals in isNull changed changedFrom changedTo
                     all { field equals in isNull changed changedFrom changedTo any { field equals changedTo } }
                     any { field equals } not { field isNull } }""";
    private static final String CREATE = "mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {"
            + " webhookSubscription { id _etag resource " + FILTER_FIELDS + " } } }";
    private static final String UPDATE = "mutation($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) {"
            + " webhookSubscription { id _etag resource " + FILTER_FIELDS + " } } }";

    private long receiverId;

    @BeforeEach
    void aReceiver() {
        receiverId = api.execute("mutation { createWebhookReceiver(input: {name: \"Monitor\", webhookUri: \"https://m.example.com/h\"}) { webhookReceiver { id } } }")
                .ok().id("$.data.createWebhookReceiver.webhookReceiver.id");
    }

    private GraphQl.Response create(String resource, Object filter) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("receiverId", receiverId, "resource", resource,
                "action", "UPDATE"));
        input.put("filter", filter);
        return api.execute(CREATE, Map.of("input", input));
    }

    private static Map<String, Object> test(String field, String operator, Object value) {
        return Map.of("field", field, operator, value);
    }

    private int subscriptions() {
        return jdbc.sql("select count(*) from webhook_subscriptions").query(Integer.class).single();
    }

    private void assertRefused(Object filter, String... messageParts) {
        GraphQl.Response response = create("RUNS", filter);
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains(messageParts);
        assertThat(subscriptions()).as("nothing is created").isZero();
    }

    @Test
    void a_filter_is_read_back_in_the_shape_it_was_given() {
        Map<String, Object> filter = Map.of("all", List.of(test("status", "changedTo", "IN_PROGRESS"),
                test("workcenter_id", "equals", "7"), Map.of("any", List.of(test("title", "equals", "A")))));
        GraphQl.Response response = create("RUNS", filter).ok();
        String at = "$.data.createWebhookSubscription.webhookSubscription.filter";
        assertThat(response.<String>path(at + ".all[0].field")).isEqualTo("status");
        assertThat(response.<String>path(at + ".all[0].changedTo")).isEqualTo("IN_PROGRESS");
        assertThat(response.<Object>path(at + ".all[0].equals")).isNull();
        assertThat(response.<String>path(at + ".all[1].equals")).isEqualTo("7");
        assertThat(response.<String>path(at + ".all[2].any[0].equals")).isEqualTo("A");
        assertThat(response.<Object>path(at + ".field")).isNull();
        assertThat(create("ISSUES", null).ok().<Object>path(
                "$.data.createWebhookSubscription.webhookSubscription.filter")).as("no filter").isNull();
    }

    @Test
    void an_unknown_field_is_refused_with_the_resources_fields() {
        assertRefused(test("colour", "equals", "red"), "'colour' is not a field of RUNS",
                "id, organization_id, title, status", "workcenter_id");
        assertRefused(Map.of("all", List.of(test("status", "equals", "TODO"), test("nope", "isNull", true))),
                "filter.all[1].field", "'nope' is not a field of RUNS");
    }

    @Test
    void a_node_mixing_a_combinator_with_a_field_test_is_refused() {
        assertRefused(Map.of("all", List.of(test("status", "equals", "TODO")), "field", "title", "equals", "x"),
                "mixes a combinator (all) with a field test (field, equals)");
        assertRefused(Map.of("all", List.of(test("status", "equals", "TODO")), "any", List.of(test("status", "equals", "TODO"))),
                "has all and any");
    }

    @Test
    void a_field_test_needs_exactly_one_operator() {
        assertRefused(Map.of("field", "status"), "tests field 'status' with no operator",
                "equals, in, isNull, changed, changedFrom, changedTo");
        assertRefused(Map.of("field", "status", "equals", "TODO", "changedTo", "TODO"),
                "tests field 'status' with 2 operators (equals, changedTo)");
        assertRefused(Map.of("equals", "TODO"), "filter has no field");
        assertRefused(Map.of(), "filter is empty");
    }

    @Test
    void more_than_fifty_tests_are_refused_and_fifty_are_accepted() {
        List<Object> tests = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tests.add(test("title", "equals", "t" + i));
        }
        assertRefused(Map.of("any", tests), "51 field tests; at most 50");
        create("RUNS", Map.of("any", tests.subList(0, 50))).ok();
    }

    @Test
    void nesting_deeper_than_five_levels_is_refused_and_five_are_accepted() {
        Object five = Map.of("all", List.of(Map.of("any", List.of(Map.of("not", Map.of("all", List.of(
                test("title", "isNull", false)))))))); // all > any > not > all > test
        assertRefused(Map.of("not", five), "nests deeper than 5 levels");
        create("RUNS", five).ok();
    }

    @Test
    void a_combinator_with_an_empty_list_is_refused() {
        assertRefused(Map.of("all", List.of()), "filter.all is empty");
        assertRefused(Map.of("not", Map.of("any", List.of())), "filter.not.any is empty");
    }

    @Test
    void value_tests_on_a_json_field_are_refused() {
        GraphQl.Response response = create("PROCEDURES", test("steps", "equals", "[]"));
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains("'steps' of PROCEDURES holds JSON; only isNull applies");
        create("PROCEDURES", test("steps", "isNull", false)).ok();
    }

    @Test
    void an_update_sets_keeps_and_removes_the_filter_and_a_bad_one_changes_nothing() {
        GraphQl.Response created = create("RUNS", test("status", "equals", "TODO")).ok();
        String at = "$.data.createWebhookSubscription.webhookSubscription";
        long id = created.id(at + ".id");
        String etag = created.string(at + "._etag");

        GraphQl.Response refused = api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag,
                "filter", test("status", "equals", "TODO", "isNull"))));
        assertThat(refused.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.errorMessage()).contains("2 operators (equals, isNull)");
        assertThat(jdbc.sql("select etag from webhook_subscriptions where id = :id").param("id", id)
                .query(String.class).single()).as("nothing changed").isEqualTo(etag);

        String updated = "$.data.updateWebhookSubscription.webhookSubscription";
        GraphQl.Response changed = api.execute(UPDATE, Map.of("input", Map.of("id", id, "etag", etag,
                "filter", test("status", "in", List.of("TODO", "ON_HOLD"))))).ok();
        assertThat(changed.<List<String>>path(updated + ".filter.in")).containsExactly("TODO", "ON_HOLD");

        GraphQl.Response kept = api.execute(UPDATE, Map.of("input", Map.of("id", id,
                "etag", changed.string(updated + "._etag"), "active", false))).ok();
        assertThat(kept.<List<String>>path(updated + ".filter.in")).as("left out: kept").containsExactly("TODO", "ON_HOLD");

        Map<String, Object> remove = new java.util.HashMap<>(Map.of("id", id, "etag", kept.string(updated + "._etag")));
        remove.put("filter", null);
        GraphQl.Response removed = api.execute(UPDATE, Map.of("input", remove)).ok();
        assertThat(removed.<Object>path(updated + ".filter")).isNull();
        assertThat(jdbc.sql("select count(*) from webhook_subscriptions where filter is null and filter_path is null")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void moving_a_filtered_subscription_to_a_resource_without_its_fields_is_refused() {
        GraphQl.Response created = create("RUNS", test("workcenter_id", "equals", "7")).ok();
        String at = "$.data.createWebhookSubscription.webhookSubscription";
        Map<String, Object> move = Map.of("id", created.id(at + ".id"), "etag", created.string(at + "._etag"),
                "resource", "ISSUES");
        GraphQl.Response refused = api.execute(UPDATE, Map.of("input", move));
        assertThat(refused.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.errorMessage()).contains("does not fit ISSUES", "'workcenter_id' is not a field of ISSUES");
        assertThat(jdbc.sql("select resource from webhook_subscriptions").query(String.class).single()).isEqualTo("RUNS");

        GraphQl.Response moved = api.execute(UPDATE, Map.of("input", Map.of("id", created.id(at + ".id"),
                "etag", created.string(at + "._etag"), "resource", "ISSUES",
                "filter", test("severity", "equals", "HIGH")))).ok();
        assertThat(moved.string("$.data.updateWebhookSubscription.webhookSubscription.filter.field")).isEqualTo("severity");
    }

    private static Map<String, Object> test(String field, String operator, Object value, String secondOperator) {
        return Map.of("field", field, operator, value, secondOperator, true);
    }
}
