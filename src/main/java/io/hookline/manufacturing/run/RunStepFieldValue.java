package io.hookline.manufacturing.run;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;
import io.hookline.manufacturing.procedure.StepTemplate;

/**
 * The value entered into one field of a run step. The field's name, type and limits are copied
 * here so that the row, and every webhook about it, says what was measured.
 */
public record RunStepFieldValue(long id, long organizationId, long runStepId, String fieldName,
                                StepTemplate.FieldType fieldType, BigDecimal numberValue, String textValue,
                                Boolean booleanValue, BigDecimal minimum, BigDecimal maximum, boolean outOfLimits,
                                Long enteredBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                                String etag) implements Row {

    public static final Table<RunStepFieldValue> TABLE = Table.of(Resource.RUN_STEP_FIELD_VALUES, RunStepFieldValue.class)
            .sortable("FIELD_NAME", "field_name", "text")
            .duplicateMeans("This field already has a value; update that value instead");
}
