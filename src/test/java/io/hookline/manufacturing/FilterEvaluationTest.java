package io.hookline.manufacturing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.hookline.manufacturing.Api.Node;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every filter operator and combinator against real changes of runs and field values: the
 * fan-out creates events only for the changes a subscription's filter holds for, and the real
 * HTTPS receiver gets exactly those.
 */
class FilterEvaluationTest extends ManufacturingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Webhooks webhooks;
    private final Map<Long, String> pathOf = new HashMap<>();

    private Webhooks webhooks() {
        if (webhooks == null) {
            webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        }
        return webhooks;
    }

    /** A receiver of its own (one pair per receiver) subscribed with this filter; the subscription's id. */
    private long subscribe(String resource, String action, Object filter) {
        String path = "/r" + pathOf.size();
        long receiverId = webhooks().receiver(receiver.url(path)).id();
        long id = api.execute("""
                mutation($input: CreateWebhookSubscriptionInput!) {
                  createWebhookSubscription(input: $input) { webhookSubscription { id } } }
                """, Map.of("input", Map.of("receiverId", receiverId, "resource", resource, "action", action,
                "filter", filter))).ok().id("$.data.createWebhookSubscription.webhookSubscription.id");
        pathOf.put(id, path);
        return id;
    }

    private static Map<String, Object> test(String field, String operator, Object value) {
        return Map.of("field", field, operator, value);
    }

    private long run(String title, String status, Object quantity, Long workcenterId) {
        return jdbc.sql("""
                        insert into runs (organization_id, title, status, quantity, workcenter_id)
                        values (:org, :title, :status, cast(:quantity as numeric), :workcenter) returning id
                        """)
                .param("org", tenant.organizationId()).param("title", title).param("status", status)
                .param("quantity", quantity == null ? null : quantity.toString()).param("workcenter", workcenterId)
                .query(Long.class).single();
    }

    private void update(long runId, String column, String value) {
        assertThat(jdbc.sql("update runs set " + column + " = :value where id = :id")
                .param("value", value).param("id", runId).update()).isEqualTo(1);
    }

    /**
     * The titles (of the row after, or before for a DELETE) of the subscription's events once every
     * change is fanned out, in change order; the receiver got exactly these.
     */
    private List<String> titles(long subscriptionId) {
        awaitFannedOut();
        List<String> titles = jdbc.sql("""
                        select coalesce(body::jsonb -> 'data' ->> 'title', body::jsonb -> 'previous_data' ->> 'title')
                        from webhook_events where subscription_id = :s order by id
                        """).param("s", subscriptionId).query(String.class).list();
        String path = pathOf.get(subscriptionId);
        await().atMost(WAIT).until(() -> received(path).size() >= titles.size());
        assertThat(received(path)).as("what the receiver got").containsExactlyInAnyOrderElementsOf(titles);
        return titles;
    }

    private void awaitFannedOut() {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from change_log")
                .query(Integer.class).single() == 0);
    }

    private List<String> received(String path) {
        List<String> titles = new ArrayList<>();
        for (ReceivedRequest request : receiver.requests()) {
            if (request.path().equals(path)) {
                String body = request.bodyText();
                Object title = JsonPath.read(body, "$.data") == null ? JsonPath.read(body, "$.previous_data.title")
                        : JsonPath.read(body, "$.data.title");
                titles.add((String) title);
            }
        }
        return titles;
    }

    @Test
    void equals_compares_numbers_ids_and_text_as_text() {
        long cleanRoom = plant.location("Clean room", "WORKCENTER").id();
        long assembly = plant.location("Assembly", "WORKCENTER").id();
        long sevens = subscribe("RUNS", "CREATE", test("quantity", "equals", "7"));
        long inCleanRoom = subscribe("RUNS", "CREATE", test("workcenter_id", "equals", String.valueOf(cleanRoom)));
        long quoted = subscribe("RUNS", "CREATE", test("title", "equals", "say \"hi\" \\ 7"));
        long noNumber = subscribe("RUNS", "CREATE", test("quantity", "equals", "seven"));

        run("q7", "TODO", 7, cleanRoom);
        run("q7.5", "TODO", "7.5", assembly);
        run("q70", "TODO", 70, null);
        run("qnull", "TODO", null, cleanRoom);
        run("say \"hi\" \\ 7", "TODO", "7.000", assembly);

        assertThat(titles(sevens)).as("7 and 7.000 are the number 7").containsExactly("q7", "say \"hi\" \\ 7");
        assertThat(titles(inCleanRoom)).containsExactly("q7", "qnull");
        assertThat(titles(quoted)).containsExactly("say \"hi\" \\ 7");
        assertThat(titles(noNumber)).as("no number reads 'seven'").isEmpty();
    }

    @Test
    void equals_on_a_boolean_field_reads_true_as_the_text_true() {
        Node step = plant.firstStep(plant.run("Build 5 brackets", plant.torqueProcedure(), null, null));
        long outOfLimits = subscribe("RUN_STEP_FIELD_VALUES", "CREATE", test("out_of_limits", "equals", "true"));
        long withinLimits = subscribe("RUN_STEP_FIELD_VALUES", "CREATE", test("out_of_limits", "in", List.of("false")));

        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", "12.5"));
        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "operator", "textValue", "Ann"));

        await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
        assertThat(fieldNames(outOfLimits)).containsExactly("torque");
        assertThat(fieldNames(withinLimits)).containsExactly("operator");
    }

    private List<String> fieldNames(long subscriptionId) {
        return jdbc.sql("select body::jsonb -> 'data' ->> 'field_name' from webhook_events where subscription_id = :s")
                .param("s", subscriptionId).query(String.class).list();
    }

    @Test
    void in_and_is_null_test_the_row_after_the_change() {
        long held = subscribe("RUNS", "CREATE", test("status", "in", List.of("ON_HOLD", "COMPLETE")));
        long nowhere = subscribe("RUNS", "CREATE", test("workcenter_id", "isNull", true));
        long somewhere = subscribe("RUNS", "CREATE", test("workcenter_id", "isNull", false));
        long cell = plant.location("Cell", "WORKCENTER").id();

        run("todo", "TODO", 1, null);
        run("held", "ON_HOLD", 1, cell);
        run("complete", "COMPLETE", null, null);

        assertThat(titles(held)).containsExactly("held", "complete");
        assertThat(titles(nowhere)).containsExactly("todo", "complete");
        assertThat(titles(somewhere)).containsExactly("held");
    }

    @Test
    void changed_changed_from_and_changed_to_compare_the_row_before_with_the_row_after() {
        long started = run("started", "TODO", 1, null);
        long resumed = run("resumed", "ON_HOLD", 1, null);
        long renamed = run("renamed-before", "TODO", 1, null);
        long renamedRunning = run("running-before", "IN_PROGRESS", 1, null);
        long statusChanged = subscribe("RUNS", "UPDATE", test("status", "changed", true));
        long statusKept = subscribe("RUNS", "UPDATE", test("status", "changed", false));
        long fromTodo = subscribe("RUNS", "UPDATE", test("status", "changedFrom", "TODO"));
        long toInProgress = subscribe("RUNS", "UPDATE", test("status", "changedTo", "IN_PROGRESS"));
        long updatedAt = subscribe("RUNS", "UPDATE", test("updated_at", "changed", true));

        update(started, "status", "IN_PROGRESS");
        update(resumed, "status", "IN_PROGRESS");
        update(renamed, "title", "renamed");
        update(renamedRunning, "title", "running");

        assertThat(titles(statusChanged)).containsExactly("started", "resumed");
        assertThat(titles(statusKept)).containsExactly("renamed", "running");
        assertThat(titles(fromTodo)).as("TODO before, and changed").containsExactly("started");
        assertThat(titles(toInProgress)).as("IN_PROGRESS after, and changed").containsExactly("started", "resumed");
        assertThat(titles(updatedAt)).as("bookkeeping columns are never in changed_fields").isEmpty();
    }

    @Test
    void all_any_and_not_combine_tests() {
        long filter = subscribe("RUNS", "CREATE", Map.of("all", List.of(
                test("status", "equals", "TODO"),
                Map.of("not", test("quantity", "isNull", true)),
                Map.of("any", List.of(test("title", "equals", "x"), test("quantity", "in", List.of("3", "4")))))));

        run("x", "TODO", 1, null);
        run("three", "TODO", 3, null);
        run("four-held", "ON_HOLD", 4, null);
        run("x-no-quantity", "TODO", null, null);
        run("five", "TODO", 5, null);

        assertThat(titles(filter)).containsExactly("x", "three");
    }

    @Test
    void a_delete_is_tested_against_the_row_before_it_and_a_create_changes_nothing() {
        long doomed = run("doomed", "TODO", 1, null);
        long spared = run("spared", "TODO", 1, null);
        awaitFannedOut(); // their creation is no concern of the subscriptions below
        long deletes = subscribe("RUNS", "DELETE", test("title", "equals", "doomed"));
        long deletedChanged = subscribe("RUNS", "DELETE", test("title", "changed", true));
        long createdUnchanged = subscribe("RUNS", "CREATE", Map.of("not", test("status", "changed", true)));

        jdbc.sql("delete from runs where id in (:ids)").param("ids", List.of(doomed, spared)).update();
        run("new", "TODO", 1, null);

        assertThat(titles(deletes)).containsExactly("doomed");
        assertThat(titles(deletedChanged)).isEmpty();
        assertThat(titles(createdUnchanged)).containsExactly("new");
    }
}
