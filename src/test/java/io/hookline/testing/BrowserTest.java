package io.hookline.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A browser test against the running server: one headless Chromium per class, a fresh tab per test
 * (its page and context), every request beyond this machine refused by {@link HeadlessChromium}.
 */
public abstract class BrowserTest extends IntegrationTest {

    private static HeadlessChromium chromium;

    private HeadlessChromium.Tab tab;
    protected Page page;
    protected BrowserContext context;

    @BeforeAll
    protected static void launchChromium() {
        chromium = HeadlessChromium.launch(20_000);
    }

    @AfterAll
    protected static void closeChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    protected void openTab() {
        tab = chromium.open(1366, 860);
        page = tab.page();
        context = tab.context();
    }

    @AfterEach
    protected void closeTab() {
        tab.close();
    }
}
