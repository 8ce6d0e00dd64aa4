package io.hookline.api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
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
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL in Debian's headless Chromium with every request beyond the server under test
 * blocked, as on a plant network that reaches no CDN: it must load the schema and run a query
 * with the Authorization header from its Headers pane.
 */
class GraphiQlBrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static Playwright playwright;
    private static Browser browser;

    private final List<String> offsiteRequests = new CopyOnWriteArrayList<>();
    private final List<String> scriptErrors = new CopyOnWriteArrayList<>();
    private final List<Request> graphQlRequests = new CopyOnWriteArrayList<>();
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launchChromium() {
        assertThat(Files.isExecutable(CHROMIUM)).as("%s is missing: apt-get install -y chromium", CHROMIUM).isTrue();
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 860));
        context.route("**/*", route -> {
            String url = route.request().url();
            String host = URI.create(url).getHost();
            if ("localhost".equals(host) || "127.0.0.1".equals(host) || url.startsWith("data:") || url.startsWith("blob:")) {
                route.resume();
            } else {
                offsiteRequests.add(url);
                route.abort();
            }
        });
        page = context.newPage();
        page.onPageError(scriptErrors::add);
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                scriptErrors.add(message.text());
            }
        });
        page.onRequest(request -> {
            if (request.url().endsWith("/graphql") && "POST".equals(request.method())) {
                graphQlRequests.add(request);
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
        assertThat(offsiteRequests).as("requests beyond the server under test").isEmpty();
        assertThat(scriptErrors).as("uncaught errors in the page").isEmpty();
    }

    @Test
    void graphiql_loads_the_schema_and_runs_a_query_with_the_authorization_header_offline() {
        String headers = "{\"Authorization\": \"Bearer " + tenant.token() + "\"}";
        context.addInitScript("localStorage.setItem('graphiql:headers', " + jsString(headers) + ");"
                + "localStorage.setItem('graphiql:query', '{ me { name role } }');");
        page.navigate("http://localhost:" + port + "/graphiql");

        page.locator(".graphiql-sidebar button[aria-label=\"Show Documentation Explorer\"]").click();
        assertThat(page.locator(".graphiql-doc-explorer")).containsText("Query");
        page.locator(".graphiql-doc-explorer").getByText("Query", new com.microsoft.playwright.Locator.GetByTextOptions()
                .setExact(true)).first().click();
        assertThat(page.locator(".graphiql-doc-explorer")).containsText("webhookReceivers");

        page.locator("button.graphiql-execute-button").click();
        assertThat(page.locator(".graphiql-response")).containsText("Admin of Acme");
        assertThat(page.locator(".graphiql-response")).containsText("ADMIN");
        assertThat(graphQlRequests).anySatisfy(request -> {
            assertThat(request.postData()).contains("me");
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + tenant.token());
        });
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
