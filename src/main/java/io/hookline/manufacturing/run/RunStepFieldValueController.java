package io.hookline.manufacturing.run;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.manufacturing.Changes;
import io.hookline.manufacturing.Deleted;
import io.hookline.manufacturing.Inputs;
import io.hookline.manufacturing.ListPage;
import io.hookline.manufacturing.People;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.Saved;
import io.hookline.manufacturing.TableRows;
import io.hookline.manufacturing.procedure.StepTemplate;
import io.hookline.query.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.Arguments;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

@Controller
class RunStepFieldValueController {

    private final Rows rows;
    private final TableRows<RunStepFieldValue> values;
    private final People people;

    RunStepFieldValueController(Rows rows, People people) {
        this.rows = rows;
        this.values = rows.of(RunStepFieldValue.TABLE);
        this.people = people;
    }

    record Filters(Long runStepId, String fieldName, Boolean outOfLimits) {
    }

    @QueryMapping
    Connection<RunStepFieldValue> runStepFieldValues(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Arguments ListPage page, @Argument Filters filters) {
        return values.list(caller, page, filters, (filter, f) -> filter
                .and("run_step_id = :step", "step", f.runStepId())
                .and("field_name = :field", "field", f.fieldName())
                .and("out_of_limits = :flagged", "flagged", f.outOfLimits()));
    }

    @QueryMapping
    RunStepFieldValue runStepFieldValue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return values.get(caller, id);
    }

    record CreateInput(Long runStepId, String fieldName, BigDecimal numberValue, String textValue,
                       Boolean booleanValue) {
    }

    /** Records the value of one field of a step; a number outside the field's limits is kept and flagged. */
    @MutationMapping
    @Transactional
    Saved<RunStepFieldValue> createRunStepFieldValue(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Argument CreateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        RunStep step = rows.of(RunStep.TABLE).reference(caller, input.runStepId(), "runStepId");
        String name = Inputs.text("fieldName", input.fieldName());
        StepTemplate.Field field = step.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.badInput("fieldName: RunStep " + step.id() + " has no field '" + name
                        + "'; its fields are " + step.fields().stream().map(StepTemplate.Field::name).toList()));
        checkEditable(org, step);
        return new Saved<>(values.insert(caller, Changes.forInsert()
                .set("run_step_id", step.id())
                .set("field_name", field.name())
                .set("field_type", field.type())
                .set("minimum", field.minimum())
                .set("maximum", field.maximum())
                .set("entered_by", caller.userId())
                .setAll(value(field, input.numberValue(), input.textValue(), input.booleanValue()))));
    }

    record UpdateInput(Long id, String etag, BigDecimal numberValue, String textValue, Boolean booleanValue) {
    }

    @MutationMapping
    @Transactional
    Saved<RunStepFieldValue> updateRunStepFieldValue(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                     @Argument UpdateInput input) {
        caller.requireAdmin();
        long org = caller.organizationId();
        RunStepFieldValue current = values.get(caller, Inputs.id(input.id()));
        checkEditable(org, rows.get(RunStep.TABLE, org, current.runStepId()));
        StepTemplate.Field field = new StepTemplate.Field(current.fieldName(), current.fieldType(), current.minimum(),
                current.maximum(), null);
        Changes changes = Changes.forUpdate()
                .setAll(value(field, input.numberValue(), input.textValue(), input.booleanValue()))
                .set("entered_by", caller.userId());
        return new Saved<>(values.update(caller, current.id(), input.etag(), changes));
    }

    @MutationMapping
    @Transactional
    Deleted deleteRunStepFieldValue(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                    @Argument String etag) {
        caller.requireAdmin();
        long org = caller.organizationId();
        checkEditable(org, rows.get(RunStep.TABLE, org, values.get(caller, id).runStepId()));
        return values.delete(caller, id, etag);
    }

    @BatchMapping(typeName = "RunStepFieldValue")
    Map<RunStepFieldValue, User> enteredBy(List<RunStepFieldValue> values) {
        return people.of(values, RunStepFieldValue::enteredBy);
    }

    /** Data of a signed-off step, or of a finished run, is final. */
    private void checkEditable(long org, RunStep step) {
        if (step.status() == RunStep.Status.COMPLETE) {
            throw ApiException.badInput("RunStep " + step.id() + " is signed off (COMPLETE); its data can no longer change");
        }
        Run run = rows.get(Run.TABLE, org, step.runId());
        if (run.finished()) {
            throw ApiException.badInput("Run " + run.id() + " is " + run.status() + "; its data can no longer change");
        }
    }

    /** The value columns for a field: exactly the one value of the field's type. */
    private static Map<String, Object> value(StepTemplate.Field field, BigDecimal number, String text, Boolean bool) {
        int given = (number == null ? 0 : 1) + (text == null ? 0 : 1) + (bool == null ? 0 : 1);
        Object value = switch (field.type()) {
            case NUMBER -> number;
            case TEXT -> text;
            case BOOLEAN -> bool;
        };
        if (given != 1 || value == null) {
            String expected = switch (field.type()) {
                case NUMBER -> "numberValue";
                case TEXT -> "textValue";
                case BOOLEAN -> "booleanValue";
            };
            throw ApiException.badInput(expected + " is required, and only it: field '" + field.name() + "' is a "
                    + field.type());
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("number_value", number);
        columns.put("text_value", text);
        columns.put("boolean_value", bool);
        columns.put("out_of_limits", field.outOfLimits(number));
        return columns;
    }
}
