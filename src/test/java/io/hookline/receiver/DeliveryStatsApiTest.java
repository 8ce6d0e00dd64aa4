package io.hookline.receiver;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Reply;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WebhookReceiver.deliveryStats: a receiver's tries per interval (docs/console.md). */
class DeliveryStatsApiTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STATS = """
            query($id: ID!) { webhookReceiver(id: $id) {
              deliveryStats { start succeeded failed p95DurationMs } } }
            """;

    private Webhooks webhooks() {
        return new Webhooks(api, jdbc, tenant.organizationId());
    }

    private List<Map<String, Object>> stats(long receiverId) {
        return api.execute(STATS, Map.of("id", receiverId)).ok().path("$.data.webhookReceiver.deliveryStats");
    }

    private long attempts(long receiverId, boolean failed) {
        return jdbc.sql("select count(*) from webhook_attempts a join webhook_events e on e.id = a.event_id "
                        + "where e.receiver_id = :r and (a.error_kind is not null) = :failed")
                .param("r", receiverId).param("failed", failed).query(Long.class).single();
    }

    /** The hour each of the receiver's tries started in, and how many of the given kind started in it. */
    private Map<Instant, Long> attemptsPerHour(long receiverId, boolean failed) {
        return jdbc.sql("select a.started_at from webhook_attempts a join webhook_events e on e.id = a.event_id "
                        + "where e.receiver_id = :r and (a.error_kind is not null) = :failed")
                .param("r", receiverId).param("failed", failed).query(OffsetDateTime.class).list().stream()
                .collect(Collectors.groupingBy(t -> t.toInstant().truncatedTo(ChronoUnit.HOURS), TreeMap::new,
                        Collectors.counting()));
    }

    private static TreeMap<Instant, Long> nonZero(List<Map<String, Object>> intervals, String field) {
        return intervals.stream().filter(i -> ((Number) i.get(field)).longValue() > 0)
                .collect(Collectors.toMap(i -> Instant.parse((String) i.get("start")),
                        i -> ((Number) i.get(field)).longValue(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void after_a_receiver_starts_failing_its_failures_show_in_their_hour_and_its_successes_in_theirs() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = webhooks();
            long id = webhooks.receiver(receiver.url("/hooks")).id();
            receiver.answer(Reply.status(200));
            for (int i = 0; i < 3; i++) {
                webhooks.sendTestEvent(id);
            }
            await().atMost(WAIT).until(() -> attempts(id, false) == 3);

            clock.advance(Duration.ofHours(2));
            // Retry-After pushes each retry an hour out, so the failures stay the two first tries.
            receiver.answer(Reply.status(503).withHeader("Retry-After", "3600"));
            webhooks.sendTestEvent(id);
            webhooks.sendTestEvent(id);
            await().atMost(WAIT).until(() -> attempts(id, true) == 2);

            List<Map<String, Object>> intervals = stats(id);
            assertThat(intervals).hasSize(24);
            Instant first = Instant.parse((String) intervals.getFirst().get("start"));
            Instant last = Instant.parse((String) intervals.getLast().get("start"));
            assertThat(Duration.between(first, last)).isEqualTo(Duration.ofHours(23));
            assertThat(clock.instant()).isBetween(last, last.plus(Duration.ofHours(1)));
            assertThat(last).isEqualTo(clock.instant().truncatedTo(ChronoUnit.HOURS));

            assertThat(nonZero(intervals, "succeeded")).isEqualTo(attemptsPerHour(id, false));
            assertThat(nonZero(intervals, "failed")).isEqualTo(attemptsPerHour(id, true));
            assertThat(nonZero(intervals, "succeeded").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
            assertThat(nonZero(intervals, "failed").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
            assertThat(nonZero(intervals, "failed").firstKey())
                    .as("the failures are two hours after the successes")
                    .isAfter(nonZero(intervals, "succeeded").lastKey());
            assertThat(intervals).filteredOn(i -> i.get("succeeded").equals(0) && i.get("failed").equals(0))
                    .as("empty intervals are listed with zeros and no p95").hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(i -> assertThat(i.get("p95DurationMs")).isNull());
        }
    }

    /** An event of the receiver with one try that started at {@code at} and took {@code durationMs}. */
    private void recordTry(long receiverId, Instant at, int durationMs, boolean failed) {
        long event = jdbc.sql("""
                        insert into webhook_event_payloads (organization_id, receiver_id, test, body, occurred_at, created_at)
                        values (:org, :r, true, '{}', :at, :at) returning id
                        """).param("org", tenant.organizationId()).param("r", receiverId)
                .param("at", at.atOffset(ZoneOffset.UTC)).query(Long.class).single();
        jdbc.sql("""
                        insert into webhook_deliveries (event_id, receiver_id, status, attempt_count, completed_at)
                        values (:e, :r, :status, 1, :done)
                        """).param("e", event).param("r", receiverId).param("status", failed ? "FAILED" : "SUCCEEDED")
                .param("done", at.plusMillis(durationMs).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                        insert into webhook_attempts (event_id, number, trigger, started_at, duration_ms, response_status, error_kind, error)
                        values (:e, 1, 'SCHEDULED', :at, :ms, :status, :kind, :error)
                        """).param("e", event).param("at", at.atOffset(ZoneOffset.UTC)).param("ms", durationMs)
                .param("status", failed ? 500 : 200).param("kind", failed ? "BAD_RESPONSE" : null)
                .param("error", failed ? "500" : null).update();
    }

    @Test
    void p95_is_the_duration_that_95_percent_of_an_intervals_tries_stayed_within_and_each_receiver_gets_its_own() {
        Webhooks webhooks = webhooks();
        long busy = webhooks.receiver("https://busy.example.com/hooks").id();
        long quiet = webhooks.receiver("https://quiet.example.com/hooks").id();
        Instant hourAgo = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        // 10, 20, … 200 ms: 19 of the 20 took at most 190 ms. Failed tries count as much as delivered ones.
        IntStream.rangeClosed(1, 20).forEach(i -> recordTry(busy, hourAgo.plusSeconds(i * 60L), i * 10, i % 4 == 0));
        recordTry(quiet, hourAgo.plusSeconds(30), 5000, false);
        recordTry(busy, hourAgo.minus(Duration.ofDays(2)), 9000, false);

        GraphQl.Response list = api.execute("""
                { webhookReceivers(sort: {field: NAME}) { edges { node { name
                    deliveryStats(hours: 6, intervalMinutes: 30) { start succeeded failed p95DurationMs } } } } }
                """).ok();
        List<Map<String, Object>> busyIntervals = list.path("$.data.webhookReceivers.edges[0].node.deliveryStats");
        List<Map<String, Object>> quietIntervals = list.path("$.data.webhookReceivers.edges[1].node.deliveryStats");
        assertThat(busyIntervals).hasSize(12);
        Map<String, Object> busyHour = busyIntervals.stream()
                .filter(i -> Instant.parse((String) i.get("start")).equals(hourAgo)).findFirst().orElseThrow();
        // Minutes 1 to 20 of the hour all fall in its first half.
        assertThat(busyHour).containsEntry("succeeded", 15).containsEntry("failed", 5).containsEntry("p95DurationMs", 190);
        assertThat(busyIntervals).filteredOn(i -> i != busyHour)
                .allSatisfy(i -> assertThat(i).containsEntry("succeeded", 0).containsEntry("failed", 0));
        assertThat(quietIntervals).filteredOn(i -> i.get("p95DurationMs") != null)
                .singleElement().satisfies(i -> assertThat(i).containsEntry("succeeded", 1).containsEntry("p95DurationMs", 5000));

        // A single try's duration is its own p95; the default window is 24 hourly intervals.
        assertThat(stats(quiet)).hasSize(24).filteredOn(i -> i.get("p95DurationMs") != null)
                .singleElement().satisfies(i -> assertThat(i.get("start")).isEqualTo(hourAgo.toString()));
    }

    @Test
    void out_of_range_or_uneven_arguments_are_refused_naming_the_argument() {
        long id = webhooks().receiver("https://erp.example.com/hooks").id();
        Map<String, List<String>> bad = Map.of(
                "hours", List.of("hours: 0", "hours: 169", "hours: -24"),
                "intervalMinutes", List.of("intervalMinutes: 0", "intervalMinutes: 1441", "intervalMinutes: 7",
                        "hours: 1, intervalMinutes: 120", "hours: 168, intervalMinutes: 1", "hours: 5, intervalMinutes: 40"));
        bad.forEach((argument, cases) -> cases.forEach(arguments -> {
            GraphQl.Response response = api.execute("query($id: ID!) { webhookReceiver(id: $id) { deliveryStats(%s) { start } } }"
                    .formatted(arguments), Map.of("id", id));
            assertThat(response.errorCode()).as(arguments).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).as(arguments).contains(argument);
        }));
        assertThat(api.execute("query($id: ID!) { webhookReceiver(id: $id) { deliveryStats(hours: 168, intervalMinutes: 360) { start } } }",
                Map.of("id", id)).ok().<List<Object>>path("$.data.webhookReceiver.deliveryStats")).hasSize(28);
    }
}
