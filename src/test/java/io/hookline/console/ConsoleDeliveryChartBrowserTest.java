package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

/** A receiver's detail page draws its last 24 hours: delivered and failed tries per hour, and their p95. */
class ConsoleDeliveryChartBrowserTest extends ConsoleBrowserBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private long tries(long receiverId, boolean failed) {
        return jdbc.sql("select count(*) from webhook_attempts a join webhook_events e on e.id = a.event_id "
                        + "where e.receiver_id = :r and (a.error_kind is not null) = :failed")
                .param("r", receiverId).param("failed", failed).query(Long.class).single();
    }

    /** The intervals of the receiver, as the API reports them, that had a try of the given kind. */
    private List<Map<String, Object>> intervalsWith(long receiverId, String kind) {
        List<Map<String, Object>> intervals = api.execute(
                "query($id: ID!) { webhookReceiver(id: $id) { deliveryStats { start succeeded failed } } }",
                Map.of("id", receiverId)).ok().path("$.data.webhookReceiver.deliveryStats");
        return intervals.stream().filter(i -> ((Number) i.get(kind)).intValue() > 0).toList();
    }

    private static Locator legendValue(Locator section, String series) {
        return section.locator(".u-legend .u-series").filter(new Locator.FilterOptions().setHasText(series))
                .locator(".u-value");
    }

    @Test
    void a_receiver_that_delivered_and_then_started_failing_shows_its_failures_in_their_hour() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long id = webhooks.receiver(receiver.url("/hooks")).id();
            receiver.answer(Reply.status(200));
            for (int i = 0; i < 4; i++) {
                webhooks.sendTestEvent(id);
            }
            await().atMost(WAIT).until(() -> tries(id, false) == 4);
            clock.advance(Duration.ofHours(3));
            // Retry-After holds each retry back an hour: the failures stay the first tries.
            receiver.answer(Reply.status(503).withHeader("Retry-After", "3600"));
            for (int i = 0; i < 3; i++) {
                webhooks.sendTestEvent(id);
            }
            await().atMost(WAIT).until(() -> tries(id, true) == 3);

            signIn(tenant.token());
            link("receiver").click();
            Locator section = region("Deliveries, last 24 hours");
            Locator summary = section.locator(".chart-summary");
            assertThat(summary).hasAttribute("data-delivered", "4");
            assertThat(summary).hasAttribute("data-failed", "3");
            assertThat(summary).containsText("4 delivered, 3 failed");
            assertThat(section.locator(".delivery-chart")).hasAttribute("data-drawn", "true");
            assertThat(section.locator(".delivery-chart canvas")).isVisible();
            assertThat(legendValue(section, "Failed")).hasText("3");
            assertThat(legendValue(section, "Delivered")).hasText("4");

            section.getByText("Per hour, as a table").click();
            Locator rows = section.locator(".chart-table tbody tr");
            assertThat(rows).hasCount(24);
            for (Map<String, Object> failing : intervalsWith(id, "failed")) {
                Locator row = section.locator(".chart-table tbody tr:has(time[datetime=\"" + failing.get("start") + "\"])");
                assertThat(row.locator("td").nth(2)).hasText(String.valueOf(failing.get("failed")));
            }
            for (Map<String, Object> delivering : intervalsWith(id, "succeeded")) {
                Locator row = section.locator(".chart-table tbody tr:has(time[datetime=\"" + delivering.get("start") + "\"])");
                assertThat(row.locator("td").nth(1)).hasText(String.valueOf(delivering.get("succeeded")));
                assertThat(row.locator("td").nth(2)).hasText("0");
            }
            assertThat(intervalsWith(id, "failed")).as("the failures came in a later hour than the deliveries")
                    .allSatisfy(f -> assertThat((String) f.get("start"))
                            .isGreaterThan((String) intervalsWith(id, "succeeded").getLast().get("start")));
            section.scrollIntoViewIfNeeded();
            screenshot("receiver-delivery-chart");

            page.setViewportSize(390, 844);
            assertThat(section.locator(".delivery-chart canvas")).isVisible();
            page.waitForFunction("() => document.querySelector('.delivery-chart canvas').getBoundingClientRect().width < 390");
            section.locator(".chart-table summary").click();
            section.screenshot(new Locator.ScreenshotOptions().setPath(Paths.get("target/screenshots/receiver-delivery-chart-narrow.png")));
        }
    }
}
