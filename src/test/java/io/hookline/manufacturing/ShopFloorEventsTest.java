package io.hookline.manufacturing;

import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Api.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs, their steps and data, and issues fire one event per created, changed or deleted row. */
class ShopFloorEventsTest extends ManufacturingTest {

    @Test
    void a_run_with_just_a_title_fires_on_create_update_and_delete() {
        events.subscribeToEverything();
        Node run = plant.run("Prototype", null, null, null);
        mfg.delete("Run", mfg.update("Run", run, Map.of("title", "Prototype 2")));

        List<Events.Event> got = events.awaitAll();
        assertLifecycle(got, "RUNS", run.id(), "title", "Prototype", "Prototype 2");
        assertThat(got.getFirst().<String>data("status")).isEqualTo("TODO");
        assertThat(got.getFirst().<Object>data("procedure_id")).isNull();
    }

    @Test
    void creating_a_run_from_a_procedure_fires_the_run_and_each_step_in_one_transaction() {
        Node procedure = plant.torqueProcedure();
        Node part = plant.part("BRK-100", "NONE");
        Node cell = plant.location("Assembly cell 1", "WORKCENTER");
        events.subscribeToEverything();

        Node run = plant.run("Build 5 brackets", procedure, part, cell);

        List<Events.Event> got = events.awaitAll();
        assertThat(Events.keys(got)).containsExactlyInAnyOrder("RUNS CREATE", "RUN_STEPS CREATE");
        Events.Event created = Events.find(got, "RUNS CREATE");
        assertThat(created.<Integer>data("procedure_id")).isEqualTo((int) procedure.id());
        assertThat(created.<Integer>data("part_id")).isEqualTo((int) part.id());
        assertThat(created.decimal("$.data.quantity")).isEqualByComparingTo("5");
        assertThat(created.<Integer>data("workcenter_id")).isEqualTo((int) cell.id());
        Events.Event step = Events.find(got, "RUN_STEPS CREATE");
        assertThat(step.<Integer>data("run_id")).isEqualTo((int) run.id());
        assertThat(step.<String>data("title")).isEqualTo("Torque bolts");
        assertThat(step.<String>data("fields[0].name")).isEqualTo("torque");
        assertThat(step.transactionId()).isEqualTo(created.transactionId());
    }

    @Test
    void a_run_step_fires_on_create_update_and_delete_and_signing_off_records_who_and_when() {
        Node run = plant.run("Prototype", null, null, null);
        events.subscribeToEverything();
        Node step = mfg.create("RunStep", Map.of("runId", run.id(), "title", "Inspect"));
        Node signed = mfg.update("RunStep", step, Map.of("status", "COMPLETE"));
        mfg.delete("RunStep", signed);

        List<Events.Event> got = events.awaitAll();
        assertThat(Events.keys(got)).containsExactly("RUN_STEPS CREATE", "RUN_STEPS UPDATE", "RUN_STEPS DELETE");
        assertThat(got.get(0).<Integer>data("position")).isEqualTo(1);
        assertThat(got.get(1).changedFields()).containsExactly("signed_off_at", "signed_off_by", "status");
        assertThat(got.get(1).<String>previous("status")).isEqualTo("TODO");
        assertThat(got.get(1).<Integer>data("signed_off_by")).isEqualTo((int) tenant.userId());
        assertThat(got.get(2).<Integer>previous("id")).isEqualTo((int) step.id());
    }

    @Test
    void a_field_value_fires_on_create_update_and_delete() {
        Node step = plant.firstStep(plant.run("Build", plant.torqueProcedure(), null, null));
        events.subscribeToEverything();
        Node value = mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "operator",
                "textValue", "ana"));
        mfg.delete("RunStepFieldValue", mfg.update("RunStepFieldValue", value, Map.of("textValue", "bo")));

        assertLifecycle(events.awaitAll(), "RUN_STEP_FIELD_VALUES", value.id(), "text_value", "ana", "bo");
    }

    @Test
    void an_issue_fires_on_create_update_and_delete() {
        Node run = plant.run("Prototype", null, null, null);
        events.subscribeToEverything();
        Node issue = mfg.create("Issue", Map.of("title", "Scratch", "runId", run.id()));
        mfg.delete("Issue", mfg.update("Issue", issue, Map.of("status", "IN_REVIEW")));

        List<Events.Event> got = events.awaitAll();
        assertLifecycle(got, "ISSUES", issue.id(), "status", "OPEN", "IN_REVIEW");
        assertThat(got.getFirst().<Integer>data("created_by")).isEqualTo((int) tenant.userId());
    }

    @Test
    void deleting_a_run_deletes_its_steps_data_and_attachments_and_each_deletion_fires() {
        Node run = plant.run("Build", plant.torqueProcedure(), null, null);
        Node step = plant.firstStep(run);
        mfg.create("RunStepFieldValue", Map.of("runStepId", step.id(), "fieldName", "torque", "numberValue", 11));
        mfg.create("FileAttachment", Map.of("resource", "RUN_STEPS", "resourceId", step.id(), "name", "photo.jpg",
                "contentType", "image/jpeg", "sizeBytes", 10));
        events.subscribeToEverything();

        mfg.delete("Run", mfg.reread("Run", run.id()));

        List<Events.Event> got = events.awaitAll();
        assertThat(Events.keys(got)).containsExactlyInAnyOrder("RUNS DELETE", "RUN_STEPS DELETE",
                "RUN_STEP_FIELD_VALUES DELETE", "FILE_ATTACHMENTS DELETE");
        assertThat(got.stream().map(Events.Event::transactionId).distinct()).hasSize(1);
    }
}
