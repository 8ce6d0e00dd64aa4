package io.hookline.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.hookline.testing.DeliveryAudit;
import io.hookline.testing.GraphQl;
import io.hookline.testing.HooklineProcess;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of delivering, on the embedded database, as a service manager stops
 * Hookline: the sends in flight finish and are recorded, the rest is given back, and only then does
 * the database stop. After a restart every event is delivered exactly once and every request the
 * receiver got is in the audit trail.
 */
class CleanStopTest {

    private static final String KEY = "hk_clean_stop_test_0123456789abcdef";
    private static final int RUNS = 600;
    private static final int EVENTS = RUNS * 2;

    @TempDir
    Path dataDir;

    private final int databasePort = freePort();

    private List<String> arguments() {
        return List.of("--hookline.data-dir=" + dataDir, "--hookline.embedded-port=" + databasePort,
                "--hookline.bootstrap-api-key=" + KEY, "--hookline.egress.allow-http=true",
                "--hookline.egress.allowed-cidrs=127.0.0.1/32,::1/128", "--hookline.delivery.poll-interval=200ms",
                "--hookline.delivery.request-timeout=5s");
    }

    @Test
    void sigterm_under_load_loses_nothing_sends_nothing_twice_and_records_every_attempt() throws Exception {
        try (TestReceiver receiver = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(100)))) {
            try (HooklineProcess first = HooklineProcess.start(arguments())) {
                try (SingleConnectionDataSource db = database()) {
                    JdbcClient jdbc = JdbcClient.create(db);
                    long organization = jdbc.sql("select min(id) from organizations").query(Long.class).single();
                    Webhooks webhooks = new Webhooks(new GraphQl(first.port(), KEY), jdbc, organization);
                    webhooks.subscribe(webhooks.receiver(receiver.url("/a")).id(), "RUNS", "CREATE");
                    webhooks.subscribe(webhooks.receiver(receiver.url("/b")).id(), "RUNS", "CREATE");
                    jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, :n) n")
                            .param("org", organization).param("n", RUNS).update();
                    receiver.awaitRequests(200, Duration.ofMinutes(1));
                }
                long stopping = System.nanoTime();
                first.terminate();
                Duration exit = Duration.ofNanos(System.nanoTime() - stopping);
                assertThat(exit).as("exit within 10 s plus one request timeout").isLessThan(Duration.ofSeconds(15));
                assertThat(receiver.requests().size()).as("stopped mid-way").isLessThan(EVENTS);
                assertThat(first.output()).contains("gave back").doesNotContain("Could not record");
            }
            assertThat(dataDir.resolve("postgres/postmaster.pid")).as("the database stopped last, cleanly").doesNotExist();

            try (HooklineProcess second = HooklineProcess.start(arguments());
                 SingleConnectionDataSource db = database()) {
                JdbcClient jdbc = JdbcClient.create(db);
                DeliveryAudit.awaitEachDeliveredOnce(jdbc, receiver, EVENTS, Duration.ofMinutes(2));
            }
        }
    }

    /** The child's embedded database, with the password it generated into its data directory. */
    private SingleConnectionDataSource database() throws java.io.IOException {
        String password = java.nio.file.Files.readString(dataDir.resolve("postgres-password")).trim();
        return new SingleConnectionDataSource("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                "postgres", password, true);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
