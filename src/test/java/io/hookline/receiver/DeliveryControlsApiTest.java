package io.hookline.receiver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ordering, maxConcurrency and maxRequestsPerSecond on create and update (docs/delivery-controls.md). */
class DeliveryControlsApiTest extends IntegrationTest {

    private static final String FIELDS = "id _etag ordering maxConcurrency maxRequestsPerSecond";
    private static final String CREATE = """
            mutation($input: CreateWebhookReceiverInput!) {
              createWebhookReceiver(input: $input) { webhookReceiver { %s } }
            }
            """.formatted(FIELDS);
    private static final String UPDATE = """
            mutation($input: UpdateWebhookReceiverInput!) {
              updateWebhookReceiver(input: $input) { webhookReceiver { %s } }
            }
            """.formatted(FIELDS);
    private static final String R = "$.data.createWebhookReceiver.webhookReceiver.";
    private static final String U = "$.data.updateWebhookReceiver.webhookReceiver.";

    private static Map<String, Object> receiver(Object... extra) {
        Map<String, Object> input = new HashMap<>(Map.of("name", "ERP", "webhookUri", "https://erp.example.com/hooks"));
        for (int i = 0; i < extra.length; i += 2) {
            input.put((String) extra[i], extra[i + 1]);
        }
        return input;
    }

    private GraphQl.Response create(Object... extra) {
        return api.execute(CREATE, Map.of("input", receiver(extra)));
    }

    private long receivers() {
        return jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single();
    }

    @Test
    void a_new_receiver_is_unordered_with_eight_in_flight_and_no_rate_limit() {
        GraphQl.Response created = create().ok();
        assertThat(created.string(R + "ordering")).isEqualTo("NONE");
        assertThat(created.<Integer>path(R + "maxConcurrency")).isEqualTo(8);
        assertThat(created.<Object>path(R + "maxRequestsPerSecond")).isNull();
    }

    @Test
    void controls_given_on_create_are_kept_and_read_back() {
        GraphQl.Response created = create("ordering", "PER_ROW", "maxConcurrency", 64, "maxRequestsPerSecond", 2.5).ok();
        assertThat(created.string(R + "ordering")).isEqualTo("PER_ROW");
        assertThat(created.<Integer>path(R + "maxConcurrency")).isEqualTo(64);
        assertThat(created.<Double>path(R + "maxRequestsPerSecond")).isEqualTo(2.5);
        assertThat(create("ordering", "ALL", "maxConcurrency", 1).ok().string(R + "ordering")).isEqualTo("ALL");
    }

    @Test
    void out_of_range_controls_are_refused_on_create_naming_the_field_and_nothing_is_created() {
        Map<String, List<Object>> bad = Map.of("maxConcurrency", List.of(0, 65, -1),
                "maxRequestsPerSecond", List.of(0, -1, -0.5), "ordering", List.of("SOMETIMES", "none"));
        bad.forEach((field, values) -> values.forEach(value -> {
            GraphQl.Response response = create(field, value);
            assertThat(response.errorCode()).as(field + " " + value).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).as(field + " " + value).contains(field);
        }));
        assertThat(receivers()).isZero();
    }

    @Test
    void update_changes_only_the_given_controls_and_null_removes_the_rate_limit() {
        GraphQl.Response created = create("maxRequestsPerSecond", 50).ok();
        GraphQl.Response ordered = api.execute(UPDATE, Map.of("input", Map.of("id", created.string(R + "id"),
                "etag", created.string(R + "_etag"), "ordering", "ALL"))).ok();
        assertThat(ordered.string(U + "ordering")).isEqualTo("ALL");
        assertThat(ordered.<Double>path(U + "maxRequestsPerSecond")).isEqualTo(50.0);
        assertThat(ordered.<Integer>path(U + "maxConcurrency")).isEqualTo(8);

        Map<String, Object> input = new HashMap<>(Map.of("id", created.string(R + "id"),
                "etag", ordered.string(U + "_etag"), "maxConcurrency", 3));
        input.put("maxRequestsPerSecond", null);
        GraphQl.Response unlimited = api.execute(UPDATE, Map.of("input", input)).ok();
        assertThat(unlimited.<Object>path(U + "maxRequestsPerSecond")).isNull();
        assertThat(unlimited.<Integer>path(U + "maxConcurrency")).isEqualTo(3);
        assertThat(unlimited.string(U + "ordering")).isEqualTo("ALL");
    }

    @Test
    void out_of_range_controls_are_refused_on_update_and_the_receiver_stays_as_it_was() {
        GraphQl.Response created = create().ok();
        for (Object[] bad : List.of(new Object[]{"maxConcurrency", 0}, new Object[]{"maxConcurrency", 65},
                new Object[]{"maxRequestsPerSecond", 0}, new Object[]{"maxRequestsPerSecond", -3},
                new Object[]{"ordering", "RANDOM"})) {
            GraphQl.Response response = api.execute(UPDATE, Map.of("input", Map.of("id", created.string(R + "id"),
                    "etag", created.string(R + "_etag"), "name", "renamed", bad[0], bad[1])));
            assertThat(response.errorCode()).as(bad[0] + " " + bad[1]).isEqualTo("BAD_USER_INPUT");
            assertThat(response.errorMessage()).as(bad[0] + " " + bad[1]).contains((String) bad[0]);
        }
        assertThat(jdbc.sql("select name || ' ' || ordering || ' ' || max_concurrency || ' ' || etag from webhook_receivers")
                .query(String.class).single()).isEqualTo("ERP NONE 8 " + created.string(R + "_etag"));
    }
}
