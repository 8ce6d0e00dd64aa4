package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscription's payload on the receiver page: the fields of its resource's row from the payload
 * schema, what its action puts in data and previous_data, an example body and the schema itself.
 */
class ConsoleSubscriptionPayloadBrowserTest extends ConsoleBrowserBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private void receiverWith(String... resourceActions) {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.receiver(receiver.url("/hooks")).id();
            for (int i = 0; i < resourceActions.length; i += 2) {
                webhooks.subscribe(receiverId, resourceActions[i], resourceActions[i + 1]);
            }
        }
    }

    /** By the markup: on a narrow screen rows are shown as blocks, which leaves them no table role. */
    private static Locator fieldRow(Locator panel, String field) {
        return panel.locator("xpath=.//tbody/tr[td[1][normalize-space()='" + field + "']]");
    }

    private static Locator fact(Locator panel, String term) {
        return panel.locator("xpath=.//dt[normalize-space()='" + term + "']/following-sibling::dd[1]");
    }

    @Test
    void an_update_subscription_shows_the_runs_fields_with_their_values_an_example_and_the_schema() {
        receiverWith("RUNS", "UPDATE", "PARTS", "DELETE");
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin("http://localhost:" + port));
        signIn(tenant.token());
        link("receiver").click();

        button("Payload of RUNS UPDATE").click();
        Locator panel = region("Payload of RUNS UPDATE");
        assertThat(panel).isVisible();
        assertThat(fact(panel, "previous_data")).containsText("a row, fields below.");
        assertThat(fact(panel, "changed_fields")).containsText("the names of the changed columns.");
        Locator status = fieldRow(panel, "status");
        assertThat(status).containsText("string");
        for (String value : List.of("TODO", "IN_PROGRESS", "ON_HOLD", "COMPLETE", "CANCELED")) {
            assertThat(status).containsText(value);
        }
        assertThat(fieldRow(panel, "quantity")).containsText("number");
        assertThat(fieldRow(panel, "quantity")).containsText("≥ 0");
        assertThat(fieldRow(panel, "started_at")).containsText("string (date-time)");
        screenshot("subscription-payload");

        JsonNode example = JSON.readTree(panel.getByLabel("Example payload of RUNS UPDATE").textContent());
        assertThat(example.path("resource").asString()).isEqualTo("RUNS");
        assertThat(example.path("action").asString()).isEqualTo("UPDATE");
        assertThat(example.path("data").path("status").asString()).isEqualTo("TODO");
        List<String> fields = panel.locator("tbody td:first-child").allTextContents();
        assertThat(fields).contains("status", "quantity", "etag");
        assertThat(example.path("data").propertyNames()).containsExactlyElementsOf(fields);
        assertThat(example.path("previous_data").propertyNames()).containsExactlyElementsOf(fields);
        assertThat(example.path("changed_fields").size()).isEqualTo(1);

        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy example")).click();
        assertThat(notice()).containsText("Example payload copied.");
        assertThat(JSON.readTree((String) page.evaluate("navigator.clipboard.readText()"))).isEqualTo(example);

        panel.getByText("JSON Schema (draft 2020-12)").click();
        JsonNode schema = JSON.readTree(panel.getByLabel("JSON Schema of RUNS payloads").textContent());
        assertThat(schema.at("/$defs/row/properties/status/enum").size()).isEqualTo(5);
        screenshot("subscription-payload-schema");

        button("Payload of PARTS DELETE").click();
        Locator deleted = region("Payload of PARTS DELETE");
        assertThat(fact(deleted, "data")).containsText("null.");
        assertThat(fact(deleted, "previous_data")).containsText("a row, fields below.");
        assertThat(fieldRow(deleted, "tracking")).containsText("SERIAL");
        JsonNode deletedExample = JSON.readTree(deleted.getByLabel("Example payload of PARTS DELETE").textContent());
        assertThat(deletedExample.path("data").isNull()).isTrue();
        assertThat(deletedExample.path("previous_data").path("part_number").isString()).isTrue();
    }

    @Test
    void the_payload_opens_and_closes_by_keyboard_and_fits_a_390_px_screen() {
        receiverWith("RUNS", "CREATE");
        page.setViewportSize(390, 844);
        signIn(tenant.token());
        link("receiver").click();

        Locator toggle = button("Payload of RUNS CREATE");
        toggle.focus();
        page.keyboard().press("Enter");
        Locator panel = region("Payload of RUNS CREATE");
        assertThat(panel).isFocused();
        assertThat(toggle).hasAttribute("aria-expanded", "true");
        assertThat(fact(panel, "previous_data")).containsText("null.");
        assertThat(fieldRow(panel, "status")).containsText("IN_PROGRESS");
        screenshot("narrow-subscription-payload");
        int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertThat(scrollWidth).as("the page is as wide as the screen").isLessThanOrEqualTo(390);

        page.keyboard().press("Tab");
        assertThat(button("Close payload of RUNS CREATE")).isFocused();
        page.keyboard().press("Enter");
        assertThat(panel).isHidden();
        assertThat(toggle).isFocused();
        assertThat(toggle).hasAttribute("aria-expanded", "false");
    }
}
