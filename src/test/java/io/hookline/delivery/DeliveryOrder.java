package io.hookline.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.testing.ReceivedRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Makes ordered backlogs of run changes and checks the order their webhooks arrived in. */
final class DeliveryOrder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeliveryOrder() {
    }

    /** In one transaction: {@code rows} new runs, then {@code updates} updates of each, interleaved. */
    static void changes(JdbcClient jdbc, long organizationId, int rows, int updates) {
        jdbc.sql("""
                        do $$
                        begin
                            insert into runs (organization_id, title)
                            select %d, 'run ' || n from generate_series(1, %d) n;
                            for i in 1..%d loop
                                update runs set title = title || '.' || i where organization_id = %d;
                            end loop;
                        end $$
                        """.formatted(organizationId, rows, updates, organizationId))
                .update();
    }

    /** Events of {@code receiverId} with these order keys (null: unordered), in this order, all due. */
    static void due(JdbcClient jdbc, long organizationId, long receiverId, String... keys) {
        for (String key : keys) {
            jdbc.sql("""
                            with payload as (
                                insert into webhook_event_payloads (organization_id, receiver_id, body, occurred_at, created_at)
                                values (:org, :r, '{}', now(), now()) returning id, receiver_id)
                            insert into webhook_deliveries (event_id, receiver_id, next_attempt_at, row_key)
                            select id, receiver_id, now() - interval '1 minute', :key from payload
                            """)
                    .param("org", organizationId).param("r", receiverId).param("key", key).update();
        }
    }

    record Arrival(long eventId, long rowId) {
    }

    static List<Arrival> arrivals(List<ReceivedRequest> requests) {
        List<Arrival> arrivals = new ArrayList<>();
        for (ReceivedRequest request : requests) {
            JsonNode body = JSON.readTree(request.bodyText());
            arrivals.add(new Arrival(body.get("event_id").asLong(), body.get("data").get("id").asLong()));
        }
        return arrivals;
    }

    /**
     * Every try of a row's events arrived in event order: a later event of the row only after the
     * earlier one's last try (a retry of one event repeats its id, never goes back).
     */
    static void assertInOrderPerRow(List<ReceivedRequest> requests) {
        Map<Long, List<Long>> perRow = new LinkedHashMap<>();
        arrivals(requests).forEach(a -> perRow.computeIfAbsent(a.rowId(), r -> new ArrayList<>()).add(a.eventId()));
        perRow.forEach((row, events) -> assertThat(events).as("event ids of row %d in arrival order", row).isSorted());
    }

    static void assertInOrderOverAll(List<ReceivedRequest> requests) {
        assertThat(arrivals(requests).stream().map(Arrival::eventId).toList()).as("event ids in arrival order").isSorted();
    }
}
