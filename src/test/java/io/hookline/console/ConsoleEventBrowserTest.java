package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.SelectOption;
import io.hookline.testing.HeaderLines;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An event's attempts in the console: each shows the request exactly as the receiver got it, and the response. */
class ConsoleEventBrowserTest extends ConsoleBrowserBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void an_attempt_expands_to_the_request_byte_for_byte_as_received_and_the_response_as_kept() {
        try (TestReceiver receiver = TestReceiver.https()) {
            receiver.answer(Reply.status(200).withHeader("X-Request-Id", "r-81").withBody("{\"accepted\":true}"));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.receiver(receiver.url("/hooks/line-2"), "headers", List.of(
                    Map.of("key", "X-Api-Key", "value", "sk_live_kept-out-of-the-console"))).id();
            webhooks.subscribe(receiverId, "RUNS", "CREATE");
            webhooks.insertRun("Prüfung ✓ \"quoted\" & a=b");
            ReceivedRequest got = receiver.awaitRequests(1, WAIT).getFirst();
            Awaitility.await().atMost(WAIT).until(() -> "SUCCEEDED".equals(webhooks.eventStatus(webhooks.onlyEventId())));
            page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                    new BrowserContext.GrantPermissionsOptions().setOrigin("http://localhost:" + port));

            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            page.navigate("http://localhost:" + port + "/console/#/events/" + webhooks.onlyEventId());
            Locator request = region("Request of attempt 1");
            assertThat(request).isHidden();
            button("Show attempt 1").click();
            assertThat(button("Hide attempt 1")).hasAttribute("aria-expanded", "true");
            assertThat(request).isVisible();

            assertThat(request.getByLabel("Request URL")).hasText(receiver.url("/hooks/line-2"));
            String shownBody = request.getByLabel("Request body").textContent();
            assertThat(shownBody.getBytes(StandardCharsets.UTF_8)).as("the body byte for byte").isEqualTo(got.body());
            Map<String, List<String>> shown = HeaderLines.parse(request.getByLabel("Request headers").textContent());
            assertThat(got.header("x-api-key")).isEqualTo("sk_live_kept-out-of-the-console");
            Map<String, List<String>> expected = new LinkedHashMap<>(got.headers());
            expected.put("x-api-key", List.of("********"));
            assertThat(shown).as("every header as received, the secret masked").isEqualTo(expected);
            assertThat(page.content()).doesNotContain("sk_live");

            Locator response = region("Response of attempt 1");
            assertThat(response).containsText("Status 200");
            assertThat(response.getByLabel("Response headers")).containsText("X-Request-Id: r-81");
            assertThat(response.getByLabel("Response body")).hasText("{\"accepted\":true}");
            screenshot("event-attempt");

            request.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Copy body")).click();
            assertThat(notice()).containsText("Request body copied.");
            assertThat((String) page.evaluate("navigator.clipboard.readText()")).isEqualTo(got.bodyText());

            button("Hide attempt 1").click();
            assertThat(request).isHidden();
        }
    }

    @Test
    void the_events_page_filters_by_receiver_resource_action_status_time_and_finds_an_event_by_its_id() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long lineA = webhooks.receiver(receiver.url("/a"), "name", "Line A").id();
            webhooks.subscribe(lineA, "RUNS", "CREATE");
            webhooks.subscribe(lineA, "RUNS", "UPDATE");
            long lineB = webhooks.receiver(receiver.url("/b"), "name", "Line B").id();
            webhooks.subscribe(lineB, "RUNS", "CREATE");
            long run = webhooks.insertRun("filtered");
            Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from webhook_events") == 2);
            jdbc.sql("update runs set status = 'IN_PROGRESS' where id = :id").param("id", run).update();
            Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from webhook_events where status = 'SUCCEEDED'") == 3);
            long update = jdbc.sql("select id from webhook_events where action = 'UPDATE'").query(Long.class).single();
            long createForB = jdbc.sql("select id from webhook_events where receiver_id = :r").param("r", lineB)
                    .query(Long.class).single();

            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            page.navigate("http://localhost:" + port + "/console/#/events");
            Locator rows = page.locator("#event-results tbody tr");
            assertThat(rows).hasCount(3);

            filters().getByLabel("Receiver").selectOption(new SelectOption().setLabel("Line A"));
            assertThat(rows).hasCount(2);
            assertThat(page.locator("#event-results")).not().containsText("Line B");
            filters().getByLabel("Action").selectOption("UPDATE");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("#" + update);
            filters().getByLabel("Resource").selectOption("RUNS");
            assertThat(rows).hasCount(1);
            screenshot("events-filtered");
            page.reload();
            assertThat(filters().getByLabel("Receiver")).hasValue(Long.toString(lineA));
            assertThat(filters().getByLabel("Action")).hasValue("UPDATE");
            assertThat(rows).hasCount(1);

            link("Clear filters").click();
            assertThat(rows).hasCount(3);
            filters().getByLabel("FAILED").check();
            assertThat(page.getByText("No events match.")).isVisible();
            filters().getByLabel("FAILED").uncheck();
            assertThat(rows).hasCount(3);

            filters().getByLabel("Created to").fill("2000-01-01T00:00");
            assertThat(page.getByText("No events match.")).isVisible();
            link("Clear filters").click();
            assertThat(rows).hasCount(3);
            filters().getByLabel("Created from").fill("2000-01-01T00:00");
            assertThat(link("Clear filters")).isVisible();
            assertThat(rows).hasCount(3);

            link("Clear filters").click();
            assertThat(filters().getByLabel("Created from")).hasValue("");
            filters().getByLabel("Event id").fill("evt_" + createForB);
            filters().getByLabel("Event id").press("Enter");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("Line B");
            filters().getByLabel("Event id").fill("not an id");
            button("Find").click();
            assertThat(rows).hasCount(1);
        }
    }

    @Test
    void a_receivers_failed_events_since_a_time_are_sent_again_from_the_events_list() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(1, Reply.status(500));
            receiver.answer(2, Reply.status(500));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long line = webhooks.subscribedReceiver(receiver.url("/hooks"), "RUNS", "CREATE");
            webhooks.insertRun("first");
            webhooks.insertRun("second");
            receiver.awaitRequests(2, Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_events where status = 'RETRYING'") == 2);
            // Their retries ran out, as after a long outage.
            jdbc.sql("update webhook_deliveries set status = 'FAILED', next_attempt_at = null, completed_at = now()")
                    .update();

            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            page.navigate("http://localhost:" + port + "/console/#/events");
            assertThat(page.getByText("choose the receiver and a \"from\" time")).isVisible();
            filters().getByLabel("Receiver").selectOption(Long.toString(line));
            filters().getByLabel("Created from").fill("2000-01-01T00:00");
            assertThat(page.locator(".send-again")).containsText("FAILED events of");
            button("Send again").click();
            assertThat(notice()).containsText("2 events are due again");
            screenshot("events-replay");
            assertThat(dialogs).singleElement().asString().contains("FAILED events of").contains("attempts are kept");
            receiver.awaitRequests(4, Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_events where status = 'SUCCEEDED'") == 2);
            assertThat(count("select count(*) from webhook_attempts")).isEqualTo(4);
        }
    }

    @Test
    void events_selected_in_the_list_are_retried_together() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(1, Reply.status(500));
            receiver.answer(2, Reply.status(500));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribedReceiver(receiver.url("/hooks"), "RUNS", "CREATE");
            webhooks.insertRun("first");
            webhooks.insertRun("second");
            webhooks.insertRun("third");
            receiver.awaitRequests(3, Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_events where status = 'RETRYING'") == 2);
            List<Long> failed = jdbc.sql("select id from webhook_events where status = 'RETRYING' order by id")
                    .query(Long.class).list();
            // Their next scheduled try is far off, as later in the schedule: only the manual retry sends them now.
            jdbc.sql("update webhook_deliveries set next_attempt_at = now() + interval '1 hour' where status = 'RETRYING'")
                    .update();

            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            page.navigate("http://localhost:" + port + "/console/#/events");
            assertThat(button("Retry selected")).isDisabled();
            for (long id : failed) {
                page.getByLabel("Select event #" + id).check();
            }
            assertThat(page.locator(".retry-bar")).containsText("2 selected");
            screenshot("events-selected");
            button("Retry selected").click();
            assertThat(notice()).containsText("2 of 2 events are due now");
            receiver.awaitRequests(5, Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from webhook_events where status = 'SUCCEEDED'") == 3);
            assertThat(count("select count(*) from webhook_attempts where trigger = 'MANUAL'")).isEqualTo(2);
            assertThat(button("Retry selected")).isDisabled();
        }
    }

    private Locator filters() {
        return page.getByRole(com.microsoft.playwright.options.AriaRole.SEARCH,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Event filters"));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
