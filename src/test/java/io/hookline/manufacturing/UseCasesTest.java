package io.hookline.manufacturing;

import java.time.Duration;
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
 * The five use cases of the reference document, each from a user's first API call to the body a
 * real HTTPS receiver gets. Where a receiver cares about only some changes, its subscription's
 * filter says which, and Hookline sends nothing else.
 */
class UseCasesTest extends ManufacturingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private String receiverSubscribedTo(String resource, String action) {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long receiverId = webhooks.receiver(receiver.url("/qa")).id();
        webhooks.subscribe(receiverId, resource, action);
        return String.valueOf(receiverId);
    }

    /** A receiver subscribed with a filter, e.g. {@code {field: "field_name", equals: "torque"}}. */
    private void receiverSubscribedTo(String resource, String action, Map<String, ?> filter) {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long receiverId = webhooks.receiver(receiver.url("/qa")).id();
        api.execute("""
                mutation($input: CreateWebhookSubscriptionInput!) {
                  createWebhookSubscription(input: $input) { webhookSubscription { id } } }
                """, Map.of("input", Map.of("receiverId", receiverId, "resource", resource, "action", action,
                "filter", filter))).ok();
    }

    /** Once every change is fanned out: the receiver's events, all of them delivered. */
    private void assertOnlyOneEventWasMade() {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from change_log")
                .query(Integer.class).single() == 0);
        assertThat(jdbc.sql("select count(*) from webhook_events").query(Integer.class).single()).isEqualTo(1);
        assertThat(receiver.requests()).hasSize(1);
    }

    private String onlyBody() {
        ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
        assertThat(request.header("webhook-signature")).startsWith("v1,");
        return request.bodyText();
    }

    @Test
    void a_problem_with_a_run_reaches_the_qa_system_as_a_new_issue_linked_to_the_run() {
        Node run = plant.run("Build 5 brackets", plant.torqueProcedure(), plant.part("BRK-100", "NONE"),
                plant.location("Assembly cell 1", "WORKCENTER"));
        String receiverId = receiverSubscribedTo("ISSUES", "CREATE");

        Node issue = mfg.create("Issue", Map.of("title", "Bolt stripped", "severity", "HIGH", "runId", run.id()));

        String body = onlyBody();
        assertThat(JsonPath.<String>read(body, "$.resource")).isEqualTo("ISSUES");
        assertThat(JsonPath.<String>read(body, "$.action")).isEqualTo("CREATE");
        assertThat(String.valueOf(JsonPath.<Object>read(body, "$.receiver_id"))).isEqualTo(receiverId);
        assertThat(JsonPath.<Object>read(body, "$.event_id")).isNotNull();
        assertThat(JsonPath.<Object>read(body, "$.subscription_id")).isNotNull();
        assertThat(JsonPath.<Object>read(body, "$.transaction_id")).isNotNull();
        assertThat(JsonPath.<String>read(body, "$.occurred_at")).isNotBlank();
        assertThat(JsonPath.<Integer>read(body, "$.data.id")).isEqualTo((int) issue.id());
        assertThat(JsonPath.<Integer>read(body, "$.data.run_id")).isEqualTo((int) run.id());
        assertThat(JsonPath.<String>read(body, "$.data.status")).isEqualTo("OPEN");
        assertThat(JsonPath.<String>read(body, "$.data.severity")).isEqualTo("HIGH");
        assertThat(JsonPath.<Object>read(body, "$.previous_data")).isNull();
    }

    @Test
    void a_run_starting_at_its_workcenter_and_only_there_turns_on_the_environment_monitor() {
        Node cleanRoom = plant.location("Clean room", "WORKCENTER");
        Node assembly = plant.location("Assembly cell 1", "WORKCENTER");
        Node run = plant.run("Coat optics", null, null, null);
        Node elsewhere = plant.run("Build brackets", null, null, null);
        Node waiting = plant.run("Coat lenses", null, null, cleanRoom);
        receiverSubscribedTo("RUNS", "UPDATE", Map.of("all", List.of(
                Map.of("field", "status", "changedTo", "IN_PROGRESS"),
                Map.of("field", "workcenter_id", "equals", String.valueOf(cleanRoom.id())))));

        mfg.update("Run", elsewhere, Map.of("status", "IN_PROGRESS", "workcenterId", assembly.id()));
        mfg.update("Run", waiting, Map.of("title", "Coat lenses, batch 2"));
        mfg.update("Run", run, Map.of("status", "IN_PROGRESS", "workcenterId", cleanRoom.id()));

        String body = onlyBody();
        assertThat(JsonPath.<String>read(body, "$.resource")).isEqualTo("RUNS");
        assertThat(JsonPath.<Integer>read(body, "$.data.id")).isEqualTo((int) run.id());
        assertThat(JsonPath.<List<String>>read(body, "$.changed_fields"))
                .contains("status", "workcenter_id", "started_at", "started_by");
        assertThat(JsonPath.<String>read(body, "$.previous_data.status")).isEqualTo("TODO");
        assertThat(JsonPath.<String>read(body, "$.data.status")).isEqualTo("IN_PROGRESS");
        assertThat(JsonPath.<Integer>read(body, "$.data.workcenter_id")).isEqualTo((int) cleanRoom.id());
        assertThat(JsonPath.<Integer>read(body, "$.data.started_by")).isEqualTo((int) tenant.userId());
        assertThat(JsonPath.<String>read(body, "$.data.started_at")).isNotBlank();
        assertOnlyOneEventWasMade();
    }

    @Test
    void placing_a_purchase_order_alerts_the_erp() {
        Node order = plant.draftOrder(plant.part("BRK-100", "NONE"), 10);
        receiverSubscribedTo("PURCHASE_ORDERS", "UPDATE");

        plant.place(order);

        String body = onlyBody();
        assertThat(JsonPath.<Integer>read(body, "$.data.id")).isEqualTo((int) order.id());
        assertThat(JsonPath.<String>read(body, "$.previous_data.status")).isEqualTo("DRAFT");
        assertThat(JsonPath.<String>read(body, "$.data.status")).isEqualTo("PLACED");
        assertThat(JsonPath.<String>read(body, "$.data.supplier")).isEqualTo("Acme Metals");
        assertThat(JsonPath.<List<String>>read(body, "$.changed_fields")).containsExactly("placed_at", "status");
    }

    @Test
    void receiving_a_part_alerts_the_inventory_system_with_the_receipt_and_the_stock_in_one_transaction() {
        Node stores = plant.location("Main stores", "STOCK");
        plant.place(plant.draftOrder(plant.part("BRK-100", "NONE"), 10));
        Node first = plant.receive(plant.line, stores, 4);
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long receiverId = webhooks.receiver(receiver.url("/inventory")).id();
        webhooks.subscribe(receiverId, "RECEIPTS", "CREATE");
        webhooks.subscribe(receiverId, "PART_INVENTORIES", "CREATE");
        webhooks.subscribe(receiverId, "PART_INVENTORIES", "UPDATE");

        Node second = plant.receive(mfg.reread("PurchaseOrderLine", plant.line.id()), stores, "6");

        List<ReceivedRequest> requests = receiver.awaitRequests(2, WAIT);
        Map<String, String> byResource = Map.of(
                JsonPath.read(requests.get(0).bodyText(), "$.resource"), requests.get(0).bodyText(),
                JsonPath.read(requests.get(1).bodyText(), "$.resource"), requests.get(1).bodyText());
        String receipt = byResource.get("RECEIPTS");
        String stock = byResource.get("PART_INVENTORIES");
        assertThat(JsonPath.<Integer>read(receipt, "$.data.id")).isEqualTo((int) second.id()).isNotEqualTo((int) first.id());
        assertThat(Events.decimal(receipt, "$.data.quantity")).isEqualByComparingTo("6");
        assertThat(JsonPath.<String>read(stock, "$.action")).isEqualTo("UPDATE");
        assertThat(Events.decimal(stock, "$.previous_data.quantity")).isEqualByComparingTo("4");
        assertThat(Events.decimal(stock, "$.data.quantity")).isEqualByComparingTo("10");
        assertThat(JsonPath.<Integer>read(stock, "$.data.location_id")).isEqualTo((int) stores.id());
        assertThat(JsonPath.<Integer>read(receipt, "$.data.part_inventory_id"))
                .isEqualTo(JsonPath.<Integer>read(stock, "$.data.id"));
        assertThat(JsonPath.<Object>read(receipt, "$.transaction_id"))
                .isEqualTo(JsonPath.<Object>read(stock, "$.transaction_id"));
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void data_entered_into_its_field_and_only_that_field_reaches_the_validator() {
        Node run = plant.run("Build 5 brackets", plant.torqueProcedure(), null, null);
        Node step = plant.firstStep(run);
        receiverSubscribedTo("RUN_STEP_FIELD_VALUES", "CREATE", Map.of("field", "field_name", "equals", "torque"));

        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "operator", "textValue", "Ann"));
        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", "12.5"));

        String body = onlyBody();
        assertThat(JsonPath.<String>read(body, "$.data.field_name")).isEqualTo("torque");
        assertThat(Events.decimal(body, "$.data.number_value")).isEqualByComparingTo("12.5");
        assertThat(JsonPath.<Integer>read(body, "$.data.run_step_id")).isEqualTo((int) step.id());
        assertThat(JsonPath.<Boolean>read(body, "$.data.out_of_limits")).isTrue();
        assertThat(Events.decimal(body, "$.data.maximum")).isEqualByComparingTo("12");
        assertOnlyOneEventWasMade();
    }
}
