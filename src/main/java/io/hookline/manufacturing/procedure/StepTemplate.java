package io.hookline.manufacturing.procedure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.hookline.api.ApiException;
import io.hookline.manufacturing.Inputs;

/** One step of a procedure, and of every run made from it: what to do and what data to record. */
public record StepTemplate(String title, String instructions, List<Field> fields) {

    public enum FieldType { NUMBER, TEXT, BOOLEAN }

    /** A data field of a step; numbers may have limits, and a value outside them is flagged. */
    public record Field(String name, FieldType type, BigDecimal minimum, BigDecimal maximum, String unit) {

        /** Whether a number lies outside this field's limits. */
        public boolean outOfLimits(BigDecimal value) {
            return value != null && (minimum != null && value.compareTo(minimum) < 0
                    || maximum != null && value.compareTo(maximum) > 0);
        }
    }

    public List<Field> fields() {
        return fields == null ? List.of() : fields;
    }

    /** Checks a step from the API (named {@code where}, e.g. {@code steps[2]}) and returns it tidied up. */
    public StepTemplate checked(String where) {
        String checkedTitle = Inputs.text(where + ".title", title);
        Set<String> names = new HashSet<>();
        List<Field> checkedFields = new ArrayList<>();
        for (int i = 0; i < fields().size(); i++) {
            Field field = fields().get(i);
            String at = where + ".fields[" + i + "]";
            String name = Inputs.text(at + ".name", field.name());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw ApiException.badInput(at + ".name: '" + name + "' is used twice in this step");
            }
            FieldType type = Inputs.required(at + ".type", field.type());
            if (type != FieldType.NUMBER && (field.minimum() != null || field.maximum() != null)) {
                throw ApiException.badInput(at + ": only NUMBER fields have limits");
            }
            if (field.minimum() != null && field.maximum() != null && field.minimum().compareTo(field.maximum()) > 0) {
                throw ApiException.badInput(at + ": minimum " + field.minimum().toPlainString()
                        + " is above maximum " + field.maximum().toPlainString());
            }
            checkedFields.add(new Field(name, type, field.minimum(), field.maximum(),
                    Inputs.optionalText(at + ".unit", field.unit())));
        }
        return new StepTemplate(checkedTitle, Inputs.optionalText(where + ".instructions", instructions),
                List.copyOf(checkedFields));
    }
}
