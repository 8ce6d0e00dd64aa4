package io.hookline.manufacturing.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo plant fills the first organization once, and is enough for a first webhook. */
class DemoDataTest extends IntegrationTest {

    @Autowired
    DemoDataLoader loader;

    private int total(String list) {
        return api.execute("{ " + list + " { pageInfo { totalCount } } }").ok()
                .path("$.data." + list.replaceAll("\\(.*", "") + ".pageInfo.totalCount");
    }

    @Test
    void the_demo_plant_is_loaded_into_the_first_organization_once() {
        tenants.organization("Second");

        assertThat(loader.loadOnce()).contains(tenant.organizationId());
        assertThat(loader.loadOnce()).as("a restart loads nothing more").isEmpty();

        assertThat(total("locations")).isEqualTo(4);
        assertThat(total("parts")).isEqualTo(3);
        assertThat(total("partInventories")).isEqualTo(3);
        assertThat(total("procedures")).isEqualTo(1);
        assertThat(total("runSteps")).isEqualTo(16);
        assertThat(total("issues")).isEqualTo(1);
        assertThat(total("purchaseOrders")).isEqualTo(2);
        GraphQl.Response runs = api.execute("{ runs(sort: {field: TITLE}) { edges { node { status startedBy { id } } } } }").ok();
        assertThat(runs.<List<String>>path("$.data.runs.edges[*].node.status"))
                .containsExactly("COMPLETE", "IN_PROGRESS", "ON_HOLD", "TODO");
        assertThat(jdbc.sql("select count(*) from locations where organization_id <> :org")
                .param("org", tenant.organizationId()).query(Long.class).single()).isZero();
    }

    @Test
    void a_newcomer_starts_the_demo_run_at_the_clean_room_and_receives_the_webhook() {
        loader.loadOnce();
        try (TestReceiver receiver = TestReceiver.https()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(receiver.url("/hooks")).id(), "RUNS", "UPDATE");
            GraphQl.Response found = api.execute("""
                    { runs(filters: {status: [TODO]}) { edges { node { id _etag title } } }
                      locations(filters: {nameContains: "Clean"}) { edges { node { id } } } }
                    """).ok();

            api.execute("""
                    mutation($i: UpdateRunInput!) { updateRun(input: $i) { run { status startedAt } } }
                    """, Map.of("i", Map.of("id", found.string("$.data.runs.edges[0].node.id"),
                    "etag", found.string("$.data.runs.edges[0].node._etag"), "status", "IN_PROGRESS",
                    "workcenterId", found.string("$.data.locations.edges[0].node.id")))).ok();

            String body = receiver.awaitRequests(1, Duration.ofSeconds(20)).getFirst().bodyText();
            assertThat(JsonPath.<String>read(body, "$.data.title")).isEqualTo("FC-200 batch 4");
            assertThat(JsonPath.<String>read(body, "$.previous_data.status")).isEqualTo("TODO");
            assertThat(JsonPath.<String>read(body, "$.data.status")).isEqualTo("IN_PROGRESS");
            assertThat(JsonPath.<Integer>read(body, "$.data.workcenter_id"))
                    .isEqualTo(Integer.valueOf(found.string("$.data.locations.edges[0].node.id")));
        }
    }
}
