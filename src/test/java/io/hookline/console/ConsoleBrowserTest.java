package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Paths;
import java.time.Duration;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.hookline.testing.HeadlessChromium;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console in a real headless Chromium against the running server: what a person clicks,
 * through GraphQL, to the database and out to a receiver. Uses the system's Chromium (Debian's
 * {@code chromium} package); Playwright downloads no browser. Any request the page makes beyond
 * the server under test fails the test: the console must load nothing from the internet.
 */
class ConsoleBrowserTest extends ConsoleBrowserBase {

    @Test
    void a_receiver_made_in_the_console_gets_a_run_and_its_event_shows_the_delivery() throws Exception {
        try (TestReceiver receiver = TestReceiver.https()) {
            // The third request, the manual retry's, is answered late: the event page is shown while
            // the retry is still out, and must follow it.
            receiver.answer(3, Reply.status(200).after(Duration.ofSeconds(2)));
            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            assertThat(page.locator("#who")).containsText("ADMIN");

            button("New receiver").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Production line");
            page.getByLabel("Webhook URL").fill(receiver.url("/hooks"));
            page.getByLabel("Content type").selectOption("JSON");
            page.getByLabel("Expected response code").fill("200");
            button("Create receiver").click();
            assertThat(heading()).containsText("Production line");
            assertThat(heading()).containsText("Active");
            assertThat(notice()).containsText("created");

            Locator resources = page.getByLabel("Resource").locator("option");
            assertThat(resources.allTextContents()).contains("RUNS", "PURCHASE_ORDERS").doesNotContain("RUN", "PART");
            page.getByLabel("Resource").selectOption("RUNS");
            page.getByLabel("Action").selectOption("CREATE");
            button("Add subscription").click();
            Locator subscriptions = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Subscriptions"));
            assertThat(subscriptions.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("RUNS")))
                    .containsText("CREATE");

            button("Send test event").click();
            assertThat(notice()).containsText("Test event");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Events").setExact(true)).click();
            // The list refreshes itself while it shows the newest page. The test event also warms up
            // the delivery path, so the run's event below is timed on a warm path.
            assertThat(row("test")).containsText("SUCCEEDED", within(20));

            jdbc.sql("insert into runs (organization_id, title) values (:org, 'x')")
                    .param("org", tenant.organizationId()).update();

            Locator runEvent = row("RUNS CREATE");
            assertThat(runEvent).containsText("SUCCEEDED", within(20));
            screenshot("events");

            runEvent.getByRole(AriaRole.LINK).first().click();
            assertThat(heading()).containsText("SUCCEEDED");
            Locator firstAttempt = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Attempts (1)"))
                    .getByRole(AriaRole.ROW).nth(1);
            assertThat(firstAttempt.getByRole(AriaRole.CELL).nth(0)).hasText("1");
            assertThat(firstAttempt.getByRole(AriaRole.CELL).nth(1)).hasText("SCHEDULED");
            assertThat(firstAttempt.getByRole(AriaRole.CELL).nth(4)).hasText("200");
            assertThat(page.getByLabel("Payload JSON")).containsText("\"resource\": \"RUNS\"");
            assertThat(page.getByLabel("Payload JSON")).containsText("\"title\": \"x\"");

            button("Retry now").click();
            assertThat(notice()).containsText("due now");
            receiver.awaitRequests(3, Duration.ofSeconds(15));
            // The page follows the event it shows while it is due: the retry's outcome appears by itself.
            assertThat(row("MANUAL")).containsText("200", within(20));
            page.reload();
            assertThat(row("MANUAL")).containsText("200");

            button("Sign out").click();
            assertThat(page.getByLabel("API key")).isVisible();
            assertThat(page.evaluate("sessionStorage.length")).isEqualTo(0);
        }
    }

    @Test
    void an_invalid_key_shows_the_unauthenticated_error_and_stays_signed_out() {
        signIn("hk_not_a_real_key");

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("UNAUTHENTICATED");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Invalid or revoked API key");
        assertThat(page.getByLabel("API key")).isVisible();
        assertThat(page.locator("#nav")).isHidden();
        assertThat(page.evaluate("sessionStorage.length")).isEqualTo(0);
    }

    @Test
    void pausing_a_receiver_shows_it_inactive() {
        try (TestReceiver receiver = TestReceiver.https()) {
            long id = new Webhooks(api, jdbc, tenant.organizationId()).receiver(receiver.url("/hooks")).id();
            signIn(tenant.token());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("receiver").setExact(true)).click();
            assertThat(heading()).containsText("Active");

            button("Pause").click();

            assertThat(heading()).containsText("Inactive");
            assertThat(button("Resume")).isVisible();
            assertThat(jdbc.sql("select active from webhook_receivers where id = :id").param("id", id)
                    .query(Boolean.class).single()).isFalse();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Receivers")).click();
            assertThat(row("receiver")).containsText("Inactive");
        }
    }

    @Test
    void a_filter_is_built_from_conditions_edited_as_text_and_removed_in_the_console() {
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(receiver.url("/hooks")).id(), "RUNS", "UPDATE");
            signIn(tenant.token());
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("receiver").setExact(true)).click();
            assertThat(row("RUNS")).containsText("every change");

            button("Filter RUNS UPDATE").click();
            Locator rows = page.locator(".filter-row");
            rows.nth(0).getByLabel("Field").fill("status");
            rows.nth(0).getByLabel("Operator").selectOption("changedTo");
            rows.nth(0).locator("[name=value]").fill("IN_PROGRESS");
            button("Add condition").click();
            rows.nth(1).getByLabel("Field").fill("workcenter_id");
            rows.nth(1).locator("[name=value]").fill("7");
            assertThat(page.getByLabel("Filter as text (JSON)")).hasValue(java.util.regex.Pattern.compile(
                    ".*\"all\".*\"changedTo\": \"IN_PROGRESS\".*\"equals\": \"7\".*", java.util.regex.Pattern.DOTALL));
            button("Save filter").click();

            assertThat(notice()).containsText("saved");
            assertThat(row("RUNS")).containsText("status changedTo \"IN_PROGRESS\" and workcenter_id equals \"7\"");
            assertThat(jdbc.sql("select filter::text from webhook_subscriptions").query(String.class).single())
                    .contains("changedTo", "workcenter_id");

            button("Filter RUNS UPDATE").click();
            page.getByLabel("Filter as text (JSON)").fill("{\"any\": [{\"field\": \"colour\", \"equals\": \"red\"}]}");
            button("Save filter").click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("BAD_USER_INPUT");
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("'colour' is not a field of RUNS");

            button("Remove filter").click();
            assertThat(notice()).containsText("removed");
            assertThat(row("RUNS")).containsText("every change");
            assertThat(jdbc.sql("select count(*) from webhook_subscriptions where filter is null")
                    .query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void names_from_the_api_are_shown_as_text_never_as_markup() {
        try (TestReceiver receiver = TestReceiver.https()) {
            String name = "<img src=x onerror=\"window.injected=1\">";
            new Webhooks(api, jdbc, tenant.organizationId()).receiver(receiver.url("/hooks"), "name", name);
            signIn(tenant.token());

            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))).isVisible();
            assertThat(page.locator("main img")).hasCount(0);
            assertThat(page.evaluate("window.injected === undefined")).isEqualTo(true);
        }
    }

    @Test
    void the_short_addresses_lead_to_the_console() {
        page.navigate("http://localhost:" + port + "/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/index\\.html.*"));
        page.navigate("http://localhost:" + port + "/console");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/index\\.html.*"));
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("GraphiQL")))
                .hasAttribute("href", "../graphiql");
    }

    @Test
    void a_relay_receiver_shows_whether_a_relay_client_is_connected_and_rotates_its_token() throws Exception {
        String token = api.execute("""
                mutation { createWebhookReceiver(input: {name: "QA relay", relay: true}) { relayToken } }
                """).ok().string("$.data.createWebhookReceiver.relayToken");
        signIn(tenant.token());
        assertThat(row("QA relay")).containsText("Relay");
        assertThat(row("QA relay")).containsText("No relay connected");

        assertThat(relayPoll(token)).isEqualTo(200);
        page.reload();
        assertThat(row("QA relay")).not().containsText("No relay connected");
        assertThat(row("QA relay")).containsText("Connected");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("QA relay").setExact(true)).click();
        assertThat(page.locator("dt:text-is('Relay client') + dd")).hasText("Connected");
        assertThat(page.locator("dt:text-is('Connected since') + dd time")).isVisible();
        button("Rotate relay token").click();
        assertThat(notice()).containsText("New relay token");
        assertThat(page.locator("code.secret").filter(new Locator.FilterOptions().setHasText("rly_"))).isVisible();
        assertThat(relayPoll(token)).as("the rotated-out token").isEqualTo(401);
    }

    private int relayPoll(String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/relay/v1/poll"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"max\": 1, \"waitSeconds\": 0}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
