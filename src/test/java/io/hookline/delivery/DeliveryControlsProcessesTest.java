package io.hookline.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.hookline.testing.HooklineProcess;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestDatabase;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery controls held across two processes on one database (docs/delivery-controls.md): this
 * application's worker and a second Hookline process.
 */
@TestPropertySource(properties = {"hookline.delivery.retry-schedule=50ms,50ms,50ms,50ms,50ms",
        "hookline.delivery.poll-interval=100ms", "hookline.delivery.lease=3s"})
class DeliveryControlsProcessesTest extends IntegrationTest {

    private static HooklineProcess secondWorker() {
        return HooklineProcess.start(List.of("--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--hookline.roles=worker",
                "--hookline.encryption-key=" + TEST_ENCRYPTION_KEY,
                "--hookline.egress.allow-http=true",
                "--hookline.egress.allowed-cidrs=127.0.0.1/32,::1/128",
                "--hookline.delivery.poll-interval=100ms",
                "--hookline.delivery.retry-schedule=50ms,50ms,50ms,50ms,50ms",
                "--hookline.delivery.lease=3s",
                "--hookline.data-dir=" + System.getProperty("java.io.tmpdir") + "/hookline-worker-" + System.nanoTime()));
    }

    private long receiver(TestReceiver receiver, Object... controls) {
        Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        long id = webhooks.receiver(receiver.url("/hooks"), controls).id();
        webhooks.subscribe(id, "RUNS", "CREATE");
        webhooks.subscribe(id, "RUNS", "UPDATE");
        return id;
    }

    private long succeeded() {
        return jdbc.sql("select count(*) from webhook_events where status = 'SUCCEEDED'").query(Long.class).single();
    }

    @Test
    void two_processes_together_never_exceed_a_receivers_max_concurrency() throws Exception {
        try (TestReceiver receiver = TestReceiver.http().answer(Reply.status(200).after(Duration.ofMillis(100)));
             HooklineProcess second = secondWorker()) {
            receiver(receiver, "maxConcurrency", 3);
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 80) n")
                    .param("org", tenant.organizationId()).update();
            await().atMost(Duration.ofMinutes(1)).until(() -> succeeded() == 80);
            assertThat(receiver.mostInFlight()).isLessThanOrEqualTo(3).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_killed_process_s_send_slots_come_back_within_a_lease() throws Exception {
        try (TestReceiver receiver = TestReceiver.http().answer(Reply.hang())) {
            long id = receiver(receiver, "maxConcurrency", 2);
            HooklineProcess doomed = secondWorker();
            try {
                jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 4) n")
                        .param("org", tenant.organizationId()).update();
                receiver.awaitRequests(2, Duration.ofSeconds(60));
                assertThat(jdbc.sql("select count(*) from receiver_send_slots where receiver_id = :r and holder is not null")
                        .param("r", id).query(Long.class).single()).as("both slots held, by either process").isEqualTo(2);
            } finally {
                doomed.kill();
            }
            receiver.answer(Reply.status(200));
            // Whoever held the two slots: a dead holder's come back when their 3 s lease runs out, and
            // this application's own hanging sends time out; every event is delivered in the end.
            await().atMost(Duration.ofMinutes(1)).until(() -> succeeded() == 4);
            // (No in-flight count here: the test receiver still counts the dead process's hung requests.)
            assertThat(jdbc.sql("select count(*) from receiver_send_slots where receiver_id = :r")
                    .param("r", id).query(Long.class).single()).as("slots of a cap of 2").isEqualTo(2);
        }
    }

    @Test
    void per_row_order_holds_with_two_processes_though_every_seventh_try_fails() throws Exception {
        try (TestReceiver receiver = TestReceiver.http(); HooklineProcess second = secondWorker()) {
            for (int n = 7; n <= 2000; n += 7) {
                receiver.answer(n, Reply.status(500));
            }
            receiver(receiver, "ordering", "PER_ROW");
            DeliveryOrder.changes(jdbc, tenant.organizationId(), 20, 5);
            await().atMost(Duration.ofMinutes(1)).until(() -> succeeded() == 120);
            DeliveryOrder.assertInOrderPerRow(receiver.requests());
        }
    }

    @Test
    void a_rate_cap_holds_across_two_processes_and_nothing_is_dropped() throws Exception {
        try (TestReceiver receiver = TestReceiver.http(); HooklineProcess second = secondWorker()) {
            receiver(receiver, "maxRequestsPerSecond", 20);
            jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 100) n")
                    .param("org", tenant.organizationId()).update();
            await().atMost(Duration.ofMinutes(1)).until(() -> succeeded() == 100);
            List<ReceivedRequest> requests = receiver.requests();
            assertThat(requests).hasSize(100);
            Instant first = requests.getFirst().arrivedAt();
            Instant last = requests.getLast().arrivedAt();
            // 100 requests at 20/s: ~5 s (the first burst is 2 tokens); generous bounds, the bench measures.
            assertThat(Duration.between(first, last)).isBetween(Duration.ofMillis(4000), Duration.ofSeconds(20));
            long inAnySecond = requests.stream().mapToLong(r -> requests.stream().filter(o ->
                    !o.arrivedAt().isBefore(r.arrivedAt()) && o.arrivedAt().isBefore(r.arrivedAt().plusSeconds(1))).count())
                    .max().orElseThrow();
            assertThat(inAnySecond).as("requests in any one second").isLessThanOrEqualTo(26);
        }
    }

    @Test
    void the_audit_trail_says_why_an_event_waits_for_an_earlier_one_of_its_row() {
        try (TestReceiver receiver = TestReceiver.http().answer(Reply.hang())) {
            receiver(receiver, "ordering", "PER_ROW");
            DeliveryOrder.changes(jdbc, tenant.organizationId(), 1, 1);
            receiver.awaitRequests(1, Duration.ofSeconds(30));
            List<Long> ids = jdbc.sql("select id from webhook_events order by id").query(Long.class).list();
            var response = api.execute("""
                    query($id: ID!) { webhookEvent(id: $id) { id status waitingFor } }
                    """, Map.of("id", ids.get(1))).ok();
            assertThat(response.string("$.data.webhookEvent.waitingFor"))
                    .isEqualTo("waiting for event " + ids.get(0) + " of the same row");
            var first = api.execute("query($id: ID!) { webhookEvent(id: $id) { waitingFor } }",
                    Map.of("id", ids.get(0))).ok();
            assertThat(first.<Object>path("$.data.webhookEvent.waitingFor")).isNull();
        }
    }
}
