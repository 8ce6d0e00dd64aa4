package io.hookline.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.hookline.HooklineApplication;
import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestDatabase;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code hookline.roles} splits a node's work: this test's own application has the {@code api}
 * role only, and a second application started here has the {@code worker} role only.
 */
@TestPropertySource(properties = "hookline.roles=api")
class ProcessRolesTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void an_api_only_process_fans_out_and_delivers_nothing_until_a_worker_runs() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            long receiverId = webhooks.subscribedReceiver(receiver.url("/hooks"), "RUNS", "CREATE");
            webhooks.insertRun("made while no worker runs");
            webhooks.sendTestEvent(receiverId);

            // Several poll intervals (200 ms here) pass with nothing fanned out or sent.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                    receiver.requests().isEmpty() && eventCount() == 1);

            try (ConfigurableApplicationContext ignored = worker()) {
                receiver.awaitRequests(2, Duration.ofSeconds(30));
            }
            assertThat(eventCount()).isEqualTo(2);
        }
    }

    @Test
    void a_worker_only_process_serves_no_api_graphiql_or_console_but_health_and_metrics() throws Exception {
        try (ConfigurableApplicationContext worker = worker()) {
            int port = Integer.parseInt(worker.getEnvironment().getProperty("local.server.port"));
            GraphQl.Response refused = new GraphQl(port, tenant.token()).execute("{ me { id } }");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.string("$.errors[0].extensions.code")).isEqualTo("NOT_FOUND");
            assertThat(refused.string("$.errors[0].message")).contains("hookline.roles");
            for (String path : List.of("/graphiql", "/console/index.html", "/console/", "/")) {
                assertThat(get(port, path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/prometheus").body()).contains("hookline_");
        }
        // The API-only process beside it serves all of them.
        assertThat(api.execute("{ me { id } }").ok().status()).isEqualTo(200);
        assertThat(get(port, "/console/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void roles_must_name_api_or_worker() {
        assertThatThrownBy(() -> new HooklineProperties(java.nio.file.Path.of("data"), java.util.Set.of(), null, null, 0, 1))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new HooklineProperties(java.nio.file.Path.of("data"), java.util.Set.of("web"), null, null, 0, 1))
                .hasMessageContaining("'web'");
    }

    private long eventCount() {
        return jdbc.sql("select count(*) from webhook_events").query(Long.class).single();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext worker() {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--hookline.roles=worker",
                "--hookline.encryption-key=" + TEST_ENCRYPTION_KEY,
                "--hookline.egress.allow-http=true",
                "--hookline.egress.allowed-cidrs=127.0.0.1/32,::1/128",
                "--hookline.delivery.poll-interval=200ms",
                "--hookline.data-dir=" + System.getProperty("java.io.tmpdir") + "/hookline-worker-" + System.nanoTime(),
                "--server.port=0"));
        return new SpringApplicationBuilder(HooklineApplication.class).run(arguments.toArray(String[]::new));
    }
}
