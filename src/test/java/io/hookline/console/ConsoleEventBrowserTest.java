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
}
