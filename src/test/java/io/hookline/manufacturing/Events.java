package io.hookline.manufacturing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.GraphQl;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscribes one HTTPS receiver to every (resource, action) and reads what the fan-out made of the
 * changes since: the exact event bodies, as stored in the audit trail and sent to the receiver.
 */
final class Events {

    static final List<String> RESOURCES = List.of("LOCATIONS", "PARTS", "PART_INVENTORIES", "PROCEDURES", "RUNS",
            "RUN_STEPS", "RUN_STEP_FIELD_VALUES", "ISSUES", "PURCHASE_ORDERS", "PURCHASE_ORDER_LINES", "RECEIPTS",
            "FILE_ATTACHMENTS");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc;
    private final Webhooks webhooks;
    private final TestReceiver receiver;

    Events(GraphQl api, JdbcClient jdbc, long organizationId, TestReceiver receiver) {
        this.jdbc = jdbc;
        this.webhooks = new Webhooks(api, jdbc, organizationId);
        this.receiver = receiver;
    }

    /** One webhook body. */
    record Event(String body) {

        String key() {
            return JsonPath.read(body, "$.resource") + " " + JsonPath.read(body, "$.action");
        }

        <T> T data(String field) {
            return JsonPath.read(body, "$.data." + field);
        }

        <T> T previous(String field) {
            return JsonPath.read(body, "$.previous_data." + field);
        }

        List<String> changedFields() {
            return JsonPath.read(body, "$.changed_fields");
        }

        BigDecimal decimal(String path) {
            return Events.decimal(body, path);
        }

        Object transactionId() {
            return JsonPath.read(body, "$.transaction_id");
        }
    }

    /** Subscribes to everything, once all earlier changes are fanned out, so only later ones fire. */
    Events subscribeToEverything() {
        awaitFanOut();
        long receiverId = webhooks.receiver(receiver.url("/hooks")).id();
        for (String resource : RESOURCES) {
            for (String action : List.of("CREATE", "UPDATE", "DELETE")) {
                webhooks.subscribe(receiverId, resource, action);
            }
        }
        return this;
    }

    /**
     * Every event made so far, in the order of the changes (event ids are not: the fan-out may
     * number events of later changes first), once the fan-out has caught up with every commit.
     */
    List<Event> awaitAll() {
        awaitFanOut();
        return jdbc.sql("select body from webhook_events order by change_id, id").query(String.class).list().stream()
                .map(Event::new).toList();
    }

    static Event find(List<Event> events, String key) {
        List<Event> matching = events.stream().filter(e -> e.key().equals(key)).toList();
        assertThat(matching).as("events %s among %s", key, events.stream().map(Event::key).toList()).hasSize(1);
        return matching.getFirst();
    }

    /** A number of a body, exactly: JSON numbers are compared by value, whatever their scale. */
    static BigDecimal decimal(String body, String path) {
        return new BigDecimal(String.valueOf(JsonPath.<Object>read(body, path)));
    }

    static List<String> keys(List<Event> events) {
        return events.stream().map(Event::key).toList();
    }

    private void awaitFanOut() {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from change_log")
                .query(Long.class).single() == 0);
    }
}
