package io.hookline.manufacturing;

import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import io.hookline.testing.GraphQl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules every resource shares: etags, roles, dependents, and issues' links and statuses. */
class ChangeRulesTest extends ManufacturingTest {

    @Test
    void a_stale_etag_is_a_conflict_and_changes_nothing() {
        Node part = plant.part("BRK-100", "NONE");
        mfg.update("Part", part, Map.of("description", "Bracket, steel"));

        assertThat(mfg.tryUpdate("Part", part, Map.of("description", "lost update")).errorCode()).isEqualTo("CONFLICT");
        assertThat(mfg.tryDelete("Part", part).errorCode()).isEqualTo("CONFLICT");
        assertThat(mfg.get("Part", part.id(), "description").ok().string("$.data.part.description"))
                .isEqualTo("Bracket, steel");
    }

    @Test
    void members_read_but_only_admins_change() {
        Node part = plant.part("BRK-100", "NONE");
        Api member = new Api(api.as(tenants.user(tenant.organizationId(), "Operator", "MEMBER").token()));

        assertThat(member.get("Part", part.id(), "partNumber").ok().string("$.data.part.partNumber")).isEqualTo("BRK-100");
        assertThat(member.tryCreate("Location", Map.of("name", "x", "kind", "STOCK")).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(member.tryUpdate("Part", part, Map.of("revision", "B")).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(member.tryDelete("Part", part).errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void deleting_what_others_depend_on_is_refused_naming_them() {
        plant.build();
        GraphQl.Response part = mfg.tryDelete("Part", plant.part);
        assertThat(part.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(part.errorMessage()).startsWith("Part " + plant.part.id() + " cannot be deleted: ")
                .containsAnyOf("PART_INVENTORIES", "RUNS", "PURCHASE_ORDER_LINES", "RECEIPTS");
        assertThat(mfg.tryDelete("Run", plant.run).errorMessage()).contains("ISSUES still refer to it");
        assertThat(mfg.tryDelete("Location", plant.workcenter).errorMessage()).contains("RUNS still refer to it");
        assertThat(mfg.tryDelete("PurchaseOrder", plant.order).errorMessage()).contains("RECEIPTS still refer to it");
        assertThat(mfg.get("Part", plant.part.id(), "id").ok().errors()).isEmpty();
    }

    @Test
    void an_issue_is_closed_only_after_review_and_links_a_step_of_its_own_run() {
        Node run = plant.run("Build", plant.torqueProcedure(), null, null);
        Node otherRun = plant.run("Other", plant.torqueProcedure(), null, null);
        Node step = plant.firstStep(otherRun);
        GraphQl.Response mismatch = mfg.tryCreate("Issue", Map.of("title", "x", "runId", run.id(), "runStepId", step.id()));
        assertThat(mismatch.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(mismatch.errorMessage()).startsWith("runStepId: RunStep " + step.id() + " is a step of Run " + otherRun.id());

        Node issue = mfg.create("Issue", Map.of("title", "Burr on edge", "runStepId", step.id()));
        assertThat(mfg.get("Issue", issue.id(), "runId").ok().id("$.data.issue.runId")).isEqualTo(otherRun.id());
        GraphQl.Response skip = mfg.tryUpdate("Issue", issue, Map.of("status", "CLOSED"));
        assertThat(skip.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(skip.errorMessage()).startsWith("status: an issue cannot go from OPEN to CLOSED");
        Node closed = mfg.update("Issue", mfg.update("Issue", issue, Map.of("status", "IN_REVIEW")), Map.of("status", "CLOSED"));
        assertThat(mfg.update("Issue", closed, Map.of("status", "OPEN")).id()).isEqualTo(issue.id());
    }
}
