package io.hookline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * Debian's Chromium ({@code chromium} package), headless, driven by Playwright, which downloads no
 * browser. Each {@link Tab} blocks every request beyond this machine, as on a plant network that
 * reaches no CDN, and its close fails the test on any such request or any error in the page.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches the browser; Playwright's assertions wait up to {@code assertionTimeoutMs}. */
    public static HeadlessChromium launch(double assertionTimeoutMs) {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: the browser tests need Chromium. "
                        + "Install it with: apt-get install -y chromium chromium-driver", CHROMIUM)
                .isTrue();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(assertionTimeoutMs);
        return new HeadlessChromium(playwright, browser);
    }

    /** A fresh browser context and page of the given size. */
    public Tab open(int width, int height) {
        return new Tab(browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** One page in its own context, watched for offsite requests and script errors. */
    public static final class Tab implements AutoCloseable {

        private final List<String> offsiteRequests = new CopyOnWriteArrayList<>();
        private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
        private final BrowserContext context;
        private final Page page;

        private Tab(BrowserContext context) {
            this.context = context;
            context.route("**/*", route -> {
                String url = route.request().url();
                String host = URI.create(url).getHost();
                if ("localhost".equals(host) || "127.0.0.1".equals(host) || url.startsWith("data:")
                        || url.startsWith("blob:")) {
                    route.resume();
                } else {
                    offsiteRequests.add(url);
                    route.abort();
                }
            });
            page = context.newPage();
            page.onPageError(scriptErrors::add);
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    System.out.println("console error in the page: " + message.text());
                }
                if (message.text().contains("Content Security Policy")) {
                    scriptErrors.add(message.text());
                }
            });
        }

        public Page page() {
            return page;
        }

        public BrowserContext context() {
            return context;
        }

        /** Closes the context, then fails on any request beyond this machine or error in the page. */
        @Override
        public void close() {
            context.close();
            assertThat(offsiteRequests).as("requests beyond the server under test").isEmpty();
            assertThat(scriptErrors).as("uncaught errors in the page").isEmpty();
        }
    }
}
