package io.hookline.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.hookline.testing.DeliveryAudit;
import io.hookline.testing.GraphQl;
import io.hookline.testing.HooklineProcess;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external database restarts while Hookline keeps running and delivering: tries that finish
 * while it is away wait and are recorded once it is back, claims whose answer was lost are given
 * back, and no webhook is sent twice.
 */
class DatabaseRestartTest {

    private static final String KEY = "hk_database_restart_test_0123456789";
    private static final int RUNS = 1000;
    private static final int EVENTS = RUNS * 2;

    @Test
    void postgresql_restarted_under_load_loses_nothing_and_sends_nothing_twice() throws Exception {
        Path bin = RestartablePostgres.binaries().orElse(null);
        Assumptions.assumeTrue(bin != null, "PostgreSQL's server binaries are not installed (apt-get install postgresql)");
        try (RestartablePostgres postgres = RestartablePostgres.start(bin);
             TestReceiver receiver = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(20)));
             HooklineProcess hookline = HooklineProcess.start(List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
                     "--hookline.encryption-key=" + IntegrationTest.TEST_ENCRYPTION_KEY, "--hookline.bootstrap-api-key=" + KEY,
                     "--hookline.egress.allow-http=true", "--hookline.egress.allowed-cidrs=127.0.0.1/32,::1/128",
                     "--hookline.delivery.poll-interval=200ms", "--hookline.delivery.request-timeout=5s",
                     "--hookline.data-dir=" + System.getProperty("java.io.tmpdir") + "/hookline-restart-" + System.nanoTime()))) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl()));
            long organization = jdbc.sql("select min(id) from organizations").query(Long.class).single();
            Webhooks webhooks = new Webhooks(new GraphQl(hookline.port(), KEY), jdbc, organization);
            webhooks.subscribe(webhooks.receiver(receiver.url("/a")).id(), "RUNS", "CREATE");
            webhooks.subscribe(webhooks.receiver(receiver.url("/b")).id(), "RUNS", "CREATE");
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, :n) n")
                    .param("org", organization).param("n", RUNS).update();
            receiver.awaitRequests(300, Duration.ofMinutes(1));

            postgres.restart();
            assertThat(receiver.requests().size()).as("restarted mid-way").isLessThan(EVENTS);

            DeliveryAudit.awaitEachDeliveredOnce(jdbc, receiver, EVENTS, Duration.ofMinutes(2));
        }
    }
}
