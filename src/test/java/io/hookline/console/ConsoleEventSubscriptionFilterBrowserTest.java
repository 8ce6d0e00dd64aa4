package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The events list filtered by subscription, whose choices follow the chosen receiver (docs/console.md). */
class ConsoleEventSubscriptionFilterBrowserTest extends ConsoleBrowserBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void the_events_page_shows_only_the_chosen_subscriptions_events_and_keeps_the_choice_in_its_address() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long lineA = webhooks.receiver(receiver.url("/a"), "name", "Line A").id();
            long creates = webhooks.subscribe(lineA, "RUNS", "CREATE");
            long updates = webhooks.subscribe(lineA, "RUNS", "UPDATE");
            long lineB = webhooks.receiver(receiver.url("/b"), "name", "Line B").id();
            long createsForB = webhooks.subscribe(lineB, "RUNS", "CREATE");
            long run = webhooks.insertRun("first");
            Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from webhook_events") == 2);
            jdbc.sql("update runs set status = 'IN_PROGRESS' where id = :id").param("id", run).update();
            Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from webhook_events") == 3);
            long update = jdbc.sql("select id from webhook_events where subscription_id = :s").param("s", updates)
                    .query(Long.class).single();

            signIn(tenant.token());
            assertThat(page.locator("#who")).containsText("Admin of Acme");
            page.navigate("http://localhost:" + port + "/console/#/events");
            Locator rows = page.locator("#event-results tbody tr");
            assertThat(rows).hasCount(3);
            Locator subscription = filters().getByLabel("Subscription");
            assertThat(subscription.locator("option")).hasCount(4);
            assertThat(subscription).containsText("#" + createsForB + " RUNS CREATE (Line B)");

            filters().getByLabel("Receiver").selectOption(new SelectOption().setLabel("Line A"));
            assertThat(rows).hasCount(2);
            assertThat(subscription.locator("option")).hasCount(3);
            assertThat(subscription).not().containsText("#" + createsForB);
            subscription.selectOption(new SelectOption().setLabel("#" + updates + " RUNS UPDATE"));
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("#" + update);
            screenshot("events-by-subscription");

            page.reload();
            assertThat(subscription).hasValue(Long.toString(updates));
            assertThat(rows).hasCount(1);
            subscription.selectOption(Long.toString(creates));
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).not().containsText("#" + update);

            filters().getByLabel("Receiver").selectOption(new SelectOption().setLabel("Line B"));
            assertThat(subscription).hasValue("");
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("Line B");
        }
    }

    private Locator filters() {
        return page.getByRole(AriaRole.SEARCH, new Page.GetByRoleOptions().setName("Event filters"));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
