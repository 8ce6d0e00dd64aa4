package io.hookline.api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Request;
import io.hookline.testing.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL in Debian's headless Chromium with every request beyond the server under test
 * blocked, as on a plant network that reaches no CDN: it must load the schema and run a query
 * with the Authorization header from its Headers pane.
 */
class GraphiQlBrowserTest extends BrowserTest {

    private final List<Request> graphQlRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordGraphQlRequests() {
        page.onRequest(request -> {
            if (request.url().endsWith("/graphql") && "POST".equals(request.method())) {
                graphQlRequests.add(request);
            }
        });
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
