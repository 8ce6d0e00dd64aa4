package io.hookline.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The console on a phone (390 px wide) and by keyboard alone: no page scrolls sideways, and
 * signing in, moving between pages and opening an event work with Tab and Enter, with the focus
 * always visible.
 */
class ConsoleNarrowScreenBrowserTest extends ConsoleBrowserBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private long eventWithAnAttempt() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(Reply.status(503).withBody("{\"error\":\"the line is down for maintenance\"}"));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.receiver(receiver.url("/hooks/a-rather-long-path/for-the-quality-system"),
                    "description", "Quality system on line 2, the one behind the packing station").id();
            webhooks.subscribe(receiverId, "RUNS", "CREATE");
            webhooks.insertRun("A run with a title long enough to need wrapping on a phone screen");
            receiver.awaitRequests(1, WAIT);
            long event = webhooks.onlyEventId();
            Awaitility.await().atMost(WAIT).until(() -> webhooks.attemptCount(event) >= 1);
            return event;
        }
    }

    private void assertNoSidewaysScroll(String pageName) {
        page.waitForLoadState();
        screenshot("narrow-" + pageName);
        Object widest = page.evaluate("""
                () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
                          .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                          .slice(0, 8)""");
        int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertThat(scrollWidth).as(pageName + " is as wide as the screen; wider: " + widest).isLessThanOrEqualTo(390);
    }

    @Test
    void every_main_page_fits_a_390_px_screen() {
        long event = eventWithAnAttempt();
        page.setViewportSize(390, 844);
        signIn(tenant.token());
        assertThat(heading()).hasText("Receivers");
        assertNoSidewaysScroll("receivers");

        link("receiver").click();
        assertThat(region("Deliveries, last 24 hours")).isVisible();
        assertNoSidewaysScroll("receiver");

        page.navigate("http://localhost:" + port + "/console/#/events");
        assertThat(row("#" + event)).isVisible();
        assertNoSidewaysScroll("events");

        page.navigate("http://localhost:" + port + "/console/#/events/" + event);
        button("Show attempt 1").click();
        assertThat(region("Request of attempt 1")).isVisible();
        assertNoSidewaysScroll("event");

        for (String section : new String[] {"API keys", "Users"}) {
            link(section).click();
            assertThat(heading()).hasText(section);
            assertNoSidewaysScroll(section.toLowerCase().replace(' ', '-'));
        }
    }

    @Test
    void signing_in_and_opening_an_event_take_only_the_keyboard_and_the_focus_is_always_visible() {
        long event = eventWithAnAttempt();
        page.navigate("http://localhost:" + port + "/console/");
        assertThat(page.getByLabel("API key")).isVisible();
        tabTo("#api-key");
        page.keyboard().type(tenant.token());
        page.keyboard().press("Enter");
        assertThat(heading()).hasText("Receivers");

        tabTo("#nav a[href='#/events']");
        page.keyboard().press("Enter");
        assertThat(heading()).hasText("Events");
        tabTo("a[href='#/events/" + event + "']");
        page.keyboard().press("Enter");
        assertThat(button("Show attempt 1")).isVisible();
        tabTo("button[aria-expanded]");
        page.keyboard().press("Enter");
        assertThat(region("Request of attempt 1")).isVisible();
    }

    /** Presses Tab until the element matching {@code selector} has the focus, checking each stop shows it. */
    private void tabTo(String selector) {
        for (int presses = 0; presses < 60; presses++) {
            page.keyboard().press("Tab");
            boolean there = (Boolean) page.evaluate("s => document.activeElement?.matches(s) ?? false", selector);
            String outline = (String) page.evaluate("""
                    () => { const s = getComputedStyle(document.activeElement);
                            return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }""");
            String focused = (String) page.evaluate("() => document.activeElement?.outerHTML.slice(0, 120)");
            assertThat(outline).as("the focus shows on " + focused).doesNotStartWith("none 0px none");
            if (there) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + selector);
    }
}
