package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import io.hookline.testing.GraphQl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What runs, their steps and their data accept, and the clear errors for what they refuse. */
class RunRulesTest extends ManufacturingTest {

    private static void refused(GraphQl.Response response, String messageStart) {
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).startsWith(messageStart);
    }

    @Test
    void a_run_moves_only_along_sensible_status_changes_and_starting_records_who_and_when() {
        Node run = plant.run("Build", null, null, null);
        refused(mfg.tryUpdate("Run", run, Map.of("status", "COMPLETE")), "status: a run cannot go from TODO to COMPLETE");

        run = mfg.update("Run", run, Map.of("status", "IN_PROGRESS"));
        GraphQl.Response started = mfg.get("Run", run.id(), "startedAt startedBy { id } completedAt").ok();
        String startedAt = started.string("$.data.run.startedAt");
        assertThat(startedAt).isNotNull();
        assertThat(started.id("$.data.run.startedBy.id")).isEqualTo(tenant.userId());
        run = mfg.update("Run", mfg.update("Run", run, Map.of("status", "ON_HOLD")), Map.of("status", "IN_PROGRESS"));
        run = mfg.update("Run", run, Map.of("status", "COMPLETE"));

        GraphQl.Response done = mfg.get("Run", run.id(), "status startedAt completedAt").ok();
        assertThat(done.string("$.data.run.startedAt")).as("a resumed run keeps its first start").isEqualTo(startedAt);
        assertThat(done.string("$.data.run.completedAt")).isNotNull();
        refused(mfg.tryUpdate("Run", run, Map.of("status", "IN_PROGRESS")), "Run " + run.id() + " is COMPLETE");
        assertThat(mfg.update("Run", run, Map.of("title", "Build (done)")).id()).isEqualTo(run.id());
    }

    @Test
    void a_run_refuses_missing_references_a_stock_location_as_workcenter_and_negative_quantities() {
        Node stores = plant.location("Main stores", "STOCK");
        Node part = plant.part("BRK-100", "NONE");
        refused(mfg.tryCreate("Run", Map.of("title", "x", "procedureId", 999999)), "procedureId: Procedure 999999 not found");
        refused(mfg.tryCreate("Run", Map.of("title", "x", "partId", 999999)), "partId: Part 999999 not found");
        refused(mfg.tryCreate("Run", Map.of("title", "x", "workcenterId", stores.id())), "workcenterId: Location");
        refused(mfg.tryCreate("Run", Map.of("title", "x", "partId", part.id(), "quantity", -1)), "quantity must not be negative");
        refused(mfg.tryCreate("Run", Map.of("title", "x", "quantity", 3)), "partId is required with a quantity");
        refused(mfg.tryCreate("Run", Map.of("title", " ")), "title is required");
    }

    @Test
    void a_number_outside_its_limits_is_recorded_and_flagged_not_refused() {
        Node step = plant.firstStep(plant.run("Build", plant.torqueProcedure(), null, null));
        Node low = mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", "9.5"));

        GraphQl.Response flagged = mfg.get("RunStepFieldValue", low.id(), "numberValue outOfLimits minimum maximum").ok();
        assertThat(flagged.<Boolean>path("$.data.runStepFieldValue.outOfLimits")).isTrue();
        assertThat(flagged.string("$.data.runStepFieldValue.numberValue")).isEqualTo("9.5");
        Node fixed = mfg.update("RunStepFieldValue", low, Map.of("numberValue", 11));
        assertThat(mfg.get("RunStepFieldValue", fixed.id(), "outOfLimits").ok()
                .<Boolean>path("$.data.runStepFieldValue.outOfLimits")).isFalse();
        assertThat(api.execute("{ runStepFieldValues(filters: {outOfLimits: true}) { pageInfo { totalCount } } }").ok()
                .<Integer>path("$.data.runStepFieldValues.pageInfo.totalCount")).isZero();
    }

    @Test
    void a_value_must_name_a_field_of_the_step_and_be_of_its_type() {
        Node step = plant.firstStep(plant.run("Build", plant.torqueProcedure(), null, null));
        refused(mfg.tryCreate("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "colour", "textValue", "red")),
                "fieldName: RunStep " + step.id() + " has no field 'colour'");
        refused(mfg.tryCreate("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "textValue", "tight")),
                "numberValue is required");
        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", 11));
        assertThat(mfg.tryCreate("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque",
                "numberValue", 12)).errorCode()).isEqualTo("CONFLICT");
    }

    @Test
    void a_signed_off_step_is_final_and_so_is_its_data() {
        Node step = plant.firstStep(plant.run("Build", plant.torqueProcedure(), null, null));
        Node failed = mfg.update("RunStep", step, Map.of("status", "FAILED"));
        refused(mfg.tryUpdate("RunStep", failed, Map.of("status", "COMPLETE")), "status: a run step cannot go from FAILED to COMPLETE");
        Node signed = mfg.update("RunStep", mfg.update("RunStep", failed, Map.of("status", "IN_PROGRESS")),
                Map.of("status", "COMPLETE"));
        assertThat(mfg.get("RunStep", signed.id(), "signedOffBy { id } signedOffAt").ok()
                .id("$.data.runStep.signedOffBy.id")).isEqualTo(tenant.userId());

        refused(mfg.tryUpdate("RunStep", signed, Map.of("status", "IN_PROGRESS")), "status: a run step cannot go from COMPLETE");
        refused(mfg.tryCreate("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", 11)),
                "RunStep " + step.id() + " is signed off");
    }

    @Test
    void procedure_fields_are_checked_and_new_steps_make_a_new_version() {
        refused(mfg.tryCreate("Procedure", Map.of("name", "P", "steps", List.of(Map.of("title", "S", "fields",
                List.of(Map.of("name", "t", "type", "NUMBER", "minimum", 5, "maximum", 1)))))),
                "steps[0].fields[0]: minimum 5 is above maximum 1");
        refused(mfg.tryCreate("Procedure", Map.of("name", "P", "steps", List.of(Map.of("title", "S", "fields",
                List.of(Map.of("name", "t", "type", "TEXT", "maximum", 1)))))), "steps[0].fields[0]: only NUMBER fields have limits");
        Node procedure = plant.torqueProcedure();
        Node renamed = mfg.update("Procedure", procedure, Map.of("name", "Assemble bracket v2"));
        assertThat(mfg.get("Procedure", renamed.id(), "version").ok().<Integer>path("$.data.procedure.version")).isEqualTo(1);
        mfg.update("Procedure", renamed, Map.of("steps", List.of(Map.of("title", "Inspect"))));
        assertThat(mfg.get("Procedure", renamed.id(), "version").ok().<Integer>path("$.data.procedure.version")).isEqualTo(2);
    }
}
