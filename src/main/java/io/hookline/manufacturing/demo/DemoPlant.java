package io.hookline.manufacturing.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.inventory.PartInventory;
import io.hookline.manufacturing.issue.Issue;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import io.hookline.manufacturing.procedure.JsonColumns;
import io.hookline.manufacturing.procedure.Procedure;
import io.hookline.manufacturing.procedure.StepTemplate;
import io.hookline.manufacturing.procedure.StepTemplate.Field;
import io.hookline.manufacturing.procedure.StepTemplate.FieldType;
import io.hookline.manufacturing.purchasing.PurchaseOrder;
import io.hookline.manufacturing.purchasing.PurchaseOrderLine;
import io.hookline.manufacturing.run.Run;
import io.hookline.manufacturing.run.RunStep;
import io.hookline.manufacturing.run.RunStepFieldValue;
import io.hookline.manufacturing.run.RunSteps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A small flight-controller line for newcomers: two workcenters and two stores, three parts
 * (untracked, serial, lot), a four-step procedure with data fields, runs in four states, an open
 * issue, a placed order and a draft one waiting to be placed.
 */
@Component
class DemoPlant {

    private static final List<StepTemplate> ASSEMBLY = List.of(
            new StepTemplate("Kit parts", "Pick the bracket, controller and adhesive from stores.",
                    List.of(new Field("kit complete", FieldType.BOOLEAN, null, null, null))),
            new StepTemplate("Bond bracket", "Bond the bracket to the housing and let it cure.",
                    List.of(new Field("adhesive lot", FieldType.TEXT, null, null, null),
                            new Field("cure temperature", FieldType.NUMBER, dec("20"), dec("25"), "°C"))),
            new StepTemplate("Torque fasteners", "Torque the four M3 screws in a cross pattern.",
                    List.of(new Field("torque", FieldType.NUMBER, dec("1.1"), dec("1.3"), "Nm"))),
            new StepTemplate("Final inspection", "Inspect against drawing FC-200 rev C.",
                    List.of(new Field("inspector notes", FieldType.TEXT, null, null, null))));

    private final Rows rows;
    private final RunSteps runSteps;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoPlant(Rows rows, RunSteps runSteps, JdbcClient jdbc, Clock clock) {
        this.rows = rows;
        this.runSteps = runSteps;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void build(long org) {
        Long admin = jdbc.sql("select id from users where organization_id = :org and role = 'ADMIN' order by id limit 1")
                .param("org", org).query(Long.class).optional().orElse(null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Location cell = insert(Location.TABLE, org, "name", "Assembly cell 1", "kind", "WORKCENTER");
        insert(Location.TABLE, org, "name", "Clean room", "kind", "WORKCENTER");
        Location stores = insert(Location.TABLE, org, "name", "Main stores", "kind", "STOCK");
        insert(Location.TABLE, org, "name", "Receiving dock", "kind", "STOCK");
        Part bracket = insert(Part.TABLE, org, "part_number", "BRK-100", "revision", "B",
                "description", "Mounting bracket, aluminium", "unit_of_measure", "each", "tracking", "NONE");
        Part controller = insert(Part.TABLE, org, "part_number", "FC-200", "revision", "C",
                "description", "Flight controller", "unit_of_measure", "each", "tracking", "SERIAL");
        Part adhesive = insert(Part.TABLE, org, "part_number", "ADH-7", "revision", "A",
                "description", "Two-part epoxy adhesive", "unit_of_measure", "ml", "tracking", "LOT");
        insert(PartInventory.TABLE, org, "part_id", bracket.id(), "location_id", stores.id(), "quantity", dec("40"));
        insert(PartInventory.TABLE, org, "part_id", adhesive.id(), "location_id", stores.id(), "quantity", dec("500"),
                "lot_number", "L-2311");
        insert(PartInventory.TABLE, org, "part_id", controller.id(), "location_id", stores.id(), "quantity", dec("1"),
                "serial_number", "FC-0001");
        Procedure procedure = insert(Procedure.TABLE, org, "name", "Assemble flight controller",
                "description", "Bracket bonding and final assembly of FC-200", "steps", JsonColumns.json(ASSEMBLY));

        run(org, procedure, controller, cell, "FC-200 batch 1", "COMPLETE", admin, now.minus(Duration.ofDays(2)));
        Run building = run(org, procedure, controller, cell, "FC-200 batch 2", "IN_PROGRESS", admin,
                now.minus(Duration.ofHours(3)));
        run(org, procedure, controller, cell, "FC-200 batch 3", "ON_HOLD", admin, now.minus(Duration.ofHours(20)));
        run(org, procedure, controller, null, "FC-200 batch 4", "TODO", null, null);
        RunStep kitting = rows.where(RunStep.TABLE, "run_id = :run and position = 1", Map.of("run", building.id())).getFirst();
        rows.update(RunStep.TABLE, org, kitting.id(), kitting.etag(), values("status", "COMPLETE",
                "signed_off_by", admin, "signed_off_at", now.minus(Duration.ofHours(2))));
        insert(RunStepFieldValue.TABLE, org, "run_step_id", kitting.id(), "field_name", "kit complete",
                "field_type", "BOOLEAN", "boolean_value", true, "entered_by", admin);
        insert(Issue.TABLE, org, "title", "Bracket hole misaligned", "severity", "HIGH", "run_id", building.id(),
                "part_id", bracket.id(), "description", "Hole 3 is 0.4 mm off; bracket set aside.", "created_by", admin);

        PurchaseOrder placed = insert(PurchaseOrder.TABLE, org, "supplier", "Alu Supply GmbH", "reference", "PO-1001");
        insert(PurchaseOrderLine.TABLE, org, "purchase_order_id", placed.id(), "part_id", bracket.id(),
                "quantity_ordered", dec("100"), "unit_price", dec("3.20"));
        insert(PurchaseOrderLine.TABLE, org, "purchase_order_id", placed.id(), "part_id", adhesive.id(),
                "quantity_ordered", dec("1000"), "unit_price", dec("0.05"));
        rows.update(PurchaseOrder.TABLE, org, placed.id(), placed.etag(), values("status", "PLACED", "placed_at", now));
        PurchaseOrder draft = insert(PurchaseOrder.TABLE, org, "supplier", "Avionics Direct", "reference", "PO-1002");
        insert(PurchaseOrderLine.TABLE, org, "purchase_order_id", draft.id(), "part_id", controller.id(),
                "quantity_ordered", dec("5"), "unit_price", dec("420.00"));
    }

    /** A run of the procedure, brought to {@code status} the way the API would record it. */
    private Run run(long org, Procedure procedure, Part part, Location workcenter, String title, String status,
                    Long startedBy, OffsetDateTime startedAt) {
        Run run = insert(Run.TABLE, org, "title", title, "procedure_id", procedure.id(), "part_id", part.id(),
                "quantity", dec("1"), "workcenter_id", workcenter == null ? null : workcenter.id());
        runSteps.copy(org, run.id(), procedure.steps());
        if (status.equals("TODO")) {
            return run;
        }
        return rows.update(Run.TABLE, org, run.id(), run.etag(), values("status", status, "started_by", startedBy,
                "started_at", startedAt, "completed_at", status.equals("COMPLETE") ? startedAt.plusHours(6) : null));
    }

    private <T extends Row> T insert(Table<T> table, long org, Object... columnsAndValues) {
        return rows.insert(table, org, values(columnsAndValues));
    }

    private static Map<String, Object> values(Object... columnsAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return values;
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
