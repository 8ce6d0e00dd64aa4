package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.standardwebhooks.Webhook;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

/** Changing a receiver in the console, and what the receiver gets after each change. */
class ConsoleReceiverBrowserTest extends ConsoleBrowserBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void every_field_is_edited_and_the_next_delivery_goes_to_the_new_url() {
        try (TestReceiver receiver = TestReceiver.https()) {
            receiver.answer(Reply.status(202));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(receiver.url("/old")).id(), "RUNS", "CREATE");
            signIn(tenant.token());
            link("receiver").click();

            button("Edit settings").click();
            Locator form = page.getByRole(com.microsoft.playwright.options.AriaRole.FORM,
                    new Page.GetByRoleOptions().setName("Edit receiver"));
            form.getByLabel("Name").fill("Line 2");
            form.getByLabel("Webhook URL").fill(receiver.url("/new"));
            form.getByLabel("Content type").selectOption("FORM_URLENCODED");
            form.getByLabel("Expected response code").fill("202");
            form.getByLabel("Description").fill("moved to the new hall");
            screenshot("receiver-edit");
            button("Save settings").click();

            assertThat(notice()).containsText("Receiver saved.");
            assertThat(heading()).containsText("Line 2");
            assertThat(fact("Webhook URL")).hasText(receiver.url("/new"));
            assertThat(fact("Content type")).hasText("FORM_URLENCODED");
            assertThat(fact("Expected response code")).hasText("202");
            assertThat(fact("Description")).hasText("moved to the new hall");

            webhooks.insertRun("after the move");
            ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
            assertThat(request.path()).isEqualTo("/new");
            assertThat(request.header("content-type")).startsWith("application/x-www-form-urlencoded");
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    assertThat(webhooks.eventStatus(webhooks.onlyEventId())).as("202 is now the expected code")
                            .isEqualTo("SUCCEEDED"));

            button("Edit settings").click();
            form.getByLabel("Active (resuming also clears the failure history)").uncheck();
            button("Save settings").click();
            assertThat(heading()).containsText("Inactive");
        }
    }

    @Test
    void the_delivery_controls_are_shown_edited_and_a_rate_cleared_again() {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long id = webhooks.receiver("https://example.com/hooks").id();
        signIn(tenant.token());
        link("receiver").click();
        assertThat(fact("Delivery")).hasText("unordered, at most 8 at once");

        button("Edit settings").click();
        Locator form = page.getByRole(com.microsoft.playwright.options.AriaRole.FORM,
                new Page.GetByRoleOptions().setName("Edit receiver"));
        form.getByLabel("Ordering").selectOption("PER_ROW");
        form.getByLabel("Max concurrency").fill("3");
        form.getByLabel("Max requests per second").fill("2.5");
        button("Save settings").click();

        assertThat(notice()).containsText("Receiver saved.");
        assertThat(fact("Delivery")).hasText("ordered PER_ROW, at most 3 at once, 2.5 per second");
        var saved = jdbc.sql("select ordering, max_concurrency, max_requests_per_second from webhook_receivers where id = :id")
                .param("id", id).query().singleRow();
        org.assertj.core.api.Assertions.assertThat(saved).containsEntry("ordering", "PER_ROW")
                .containsEntry("max_concurrency", 3).containsEntry("max_requests_per_second", 2.5);

        button("Edit settings").click();
        form.getByLabel("Max requests per second").fill("");
        button("Save settings").click();
        assertThat(fact("Delivery")).hasText("ordered PER_ROW, at most 3 at once");
    }

    @Test
    void a_rotated_secret_shows_its_overlap_and_the_next_request_carries_both_signatures() {
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            Webhooks.Receiver created = webhooks.receiver(receiver.url("/hooks"));
            webhooks.subscribe(created.id(), "RUNS", "CREATE");
            signIn(tenant.token());
            link("receiver").click();

            button("Rotate secret").click();

            assertThat(notice()).containsText("The old one stays valid until");
            assertThat(page.locator(".overlap")).containsText("Previous secret still valid until");
            assertThat(dialogs).anySatisfy(text -> assertThat(text).contains("keeps signing beside it"));
            screenshot("receiver-detail");
            String newSecret = api.execute("query($id: ID!) { webhookReceiver(id: $id) { sharedSecret } }",
                    Map.of("id", created.id())).ok().string("$.data.webhookReceiver.sharedSecret");
            assertThat(newSecret).isNotEqualTo(created.sharedSecret());

            webhooks.insertRun("signed twice");
            ReceivedRequest request = receiver.awaitRequests(1, WAIT).getFirst();
            assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
            Map<String, List<String>> headers = Map.of(
                    "webhook-id", List.of(request.header("webhook-id")),
                    "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                    "webhook-signature", List.of(request.header("webhook-signature")));
            assertThat(verifies(created.sharedSecret(), request, headers)).as("old secret").isTrue();
            assertThat(verifies(newSecret, request, headers)).as("new secret").isTrue();
        }
    }

    @Test
    void custom_headers_are_added_changed_and_removed_and_sent_as_they_are_now() {
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long id = webhooks.receiver(receiver.url("/hooks")).id();
            webhooks.subscribe(id, "RUNS", "CREATE");
            signIn(tenant.token());
            link("receiver").click();

            button("Add header").click();
            page.getByLabel("Header name").fill("X-Plant");
            page.getByLabel("Header value").fill("north");
            button("Save header").click();
            assertThat(notice()).containsText("Header X-Plant saved.");
            assertThat(row("X-Plant")).containsText("north");

            button("Change header X-Plant").click();
            assertThat(page.getByLabel("Header value")).hasValue("north");
            page.getByLabel("Header value").fill("south");
            button("Save header").click();
            assertThat(row("X-Plant")).containsText("south");

            webhooks.insertRun("with header");
            assertThat(receiver.awaitRequests(1, WAIT).getFirst().header("x-plant")).isEqualTo("south");

            button("Remove header X-Plant").click();
            assertThat(notice()).containsText("removed");
            assertThat(region("Custom headers")).containsText("No custom headers.");
            webhooks.insertRun("without header");
            assertThat(receiver.awaitRequests(2, WAIT).get(1).header("x-plant")).isNull();
        }
    }

    @Test
    void deleting_says_how_many_queued_events_are_canceled() {
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long id = webhooks.receiver(receiver.url("/hooks")).id();
            webhooks.subscribe(id, "RUNS", "CREATE");
            receiver.answer(Reply.status(500));
            webhooks.insertRun("queued one");
            webhooks.insertRun("queued two");
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> jdbc.sql(
                    "select count(*) from webhook_events where status = 'RETRYING'").query(Integer.class).single() == 2);
            signIn(tenant.token());
            link("receiver").click();

            button("Delete").click();

            assertThat(notice()).containsText("2 queued events canceled");
            assertThat(dialogs).anySatisfy(text -> assertThat(text)
                    .contains("Its subscription is deleted with it", "Its 2 queued events (pending or retrying) are canceled",
                            "stays in the audit trail"));
            assertThat(jdbc.sql("select count(*) from webhook_events where status = 'CANCELED'")
                    .query(Integer.class).single()).isEqualTo(2);
        }
    }

    private Locator fact(String term) {
        return page.locator("dt:text-is('" + term + "') + dd");
    }

    private static boolean verifies(String secret, ReceivedRequest request, Map<String, List<String>> headers) {
        try {
            new Webhook(secret).verify(request.bodyText(), headers);
            return true;
        } catch (Exception wrongKey) {
            return false;
        }
    }
}
