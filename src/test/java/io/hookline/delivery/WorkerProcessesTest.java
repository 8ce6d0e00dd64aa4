package io.hookline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.hookline.HooklineApplication;
import io.hookline.testing.HooklineProcess;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestDatabase;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several Hookline workers on one database split the work without a leader, and a worker killed
 * mid-delivery loses nothing. This test's own application serves only the API, so every delivery
 * here is made by the workers the test starts.
 */
@TestPropertySource(properties = "hookline.roles=api")
class WorkerProcessesTest extends IntegrationTest {

    private List<String> workerArguments(String lease) {
        return List.of("--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--hookline.roles=worker",
                "--hookline.encryption-key=" + TEST_ENCRYPTION_KEY,
                "--hookline.egress.allow-http=true",
                "--hookline.egress.allowed-cidrs=127.0.0.1/32,::1/128",
                "--hookline.delivery.poll-interval=200ms",
                "--hookline.delivery.lease=" + lease,
                "--hookline.data-dir=" + System.getProperty("java.io.tmpdir") + "/hookline-worker-" + System.nanoTime());
    }

    @Test
    void two_instances_on_one_database_deliver_5000_events_none_lost_none_twice() {
        try (TestReceiver receiver = TestReceiver.http();
             ConfigurableApplicationContext first = worker();
             ConfigurableApplicationContext second = worker()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            for (int i = 0; i < 5; i++) {
                webhooks.subscribe(webhooks.receiver(receiver.url("/r" + i)).id(), "RUNS", "CREATE");
            }
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 1000) n")
                    .param("org", tenant.organizationId()).update();

            List<ReceivedRequest> requests = receiver.awaitRequests(5000, Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == 5000);
            Map<String, Long> perId = receiver.requests().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertThat(perId).hasSize(5000);
            assertThat(perId.values()).containsOnly(1L);
            assertThat(requests).hasSizeGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    void a_worker_killed_while_delivering_loses_nothing_after_restart() throws Exception {
        try (TestReceiver receiver = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(40)))) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(receiver.url("/slow")).id(), "RUNS", "CREATE");
            HooklineProcess doomed = HooklineProcess.start(workerArguments("3s"));
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 1500) n")
                    .param("org", tenant.organizationId()).update();
            receiver.awaitRequests(200, Duration.ofMinutes(1));

            doomed.kill();
            long delivered = jdbc.sql("select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single();
            assertThat(delivered).as("killed mid-way").isLessThan(1500);

            try (HooklineProcess survivor = HooklineProcess.start(workerArguments("3s"))) {
                await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql(
                        "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == 1500);
            }
            Set<String> ids = receiver.requests().stream().map(r -> r.header("webhook-id"))
                    .collect(Collectors.toSet());
            assertThat(ids).hasSize(1500);
        }
    }

    @Test
    void two_workers_recording_many_receivers_failures_and_successes_at_once_never_deadlock_nor_deliver_twice()
            throws Exception {
        long deadlocksBefore = deadlocks();
        try (TestReceiver receiver = TestReceiver.http();
             ConfigurableApplicationContext first = worker("--hookline.delivery.retry-schedule=100ms,100ms,100ms,100ms");
             ConfigurableApplicationContext second = worker("--hookline.delivery.retry-schedule=100ms,100ms,100ms,100ms")) {
            for (int n = 1; n <= 3000; n += 2) {
                receiver.answer(n, Reply.status(500));
            }
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            for (int i = 0; i < 40; i++) {
                webhooks.subscribe(webhooks.receiver(receiver.url("/r" + i)).id(), "RUNS", "CREATE");
            }
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 100) n")
                    .param("org", tenant.organizationId()).update();

            await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.sql(
                    "select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single() == 4000);
            Map<String, Long> successesPerId = receiver.requests().stream()
                    .filter(r -> r.number() > 3000 || r.number() % 2 == 0)
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertThat(successesPerId).hasSize(4000);
            assertThat(successesPerId.values()).as("none delivered twice").containsOnly(1L);
        }
        assertThat(deadlocks()).as("deadlocks detected by PostgreSQL").isEqualTo(deadlocksBefore);
    }

    /** PostgreSQL's count of deadlocks in this database; its statistics are flushed about once a second. */
    private long deadlocks() throws InterruptedException {
        Thread.sleep(1500);
        jdbc.sql("select pg_stat_clear_snapshot()").query().singleValue();
        return jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()")
                .query(Long.class).single();
    }

    private ConfigurableApplicationContext worker(String... extra) {
        List<String> arguments = new java.util.ArrayList<>(workerArguments("2m"));
        arguments.add("--server.port=0");
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(HooklineApplication.class).run(arguments.toArray(String[]::new));
    }
}
