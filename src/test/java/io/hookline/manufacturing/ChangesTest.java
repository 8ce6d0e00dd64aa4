package io.hookline.manufacturing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hookline.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One declaration of a resource's fields serves create and update (docs/adding-a-resource.md). */
class ChangesTest {

    private static Changes fields(Changes changes, String name, String unit, String description) {
        return changes.text("name", name)
                .field("unitOfMeasure", unit, "each", v -> Inputs.text("unitOfMeasure", v))
                .optionalText("description", description);
    }

    @Test
    void an_update_writes_only_the_fields_its_input_has() {
        assertThat(fields(Changes.forUpdate(), null, " box ", null).columns())
                .isEqualTo(Map.of("unit_of_measure", "box"));
        assertThat(fields(Changes.forUpdate(), null, null, null).columns()).isEmpty();
    }

    @Test
    void an_insert_checks_every_field_and_writes_fallbacks_and_nulls_for_the_absent_ones() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Bracket");
        expected.put("unit_of_measure", "each");
        expected.put("description", null);
        assertThat(fields(Changes.forInsert(), "Bracket", null, null).columns()).containsExactlyEntriesOf(expected);

        assertThatThrownBy(() -> fields(Changes.forInsert(), null, null, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("name is required");
    }

    @Test
    void a_field_given_blank_where_text_is_required_is_refused_on_update_too() {
        assertThatThrownBy(() -> fields(Changes.forUpdate(), " ", null, null))
                .isInstanceOf(ApiException.class).hasMessageContaining("name");
    }

    @Test
    void columns_no_input_names_are_always_written_and_read_back_over_the_current_value() {
        Changes changes = Changes.forUpdate().set("signed_off_by", 7L);

        assertThat(changes.valueOr("signed_off_by", 1L)).isEqualTo(7L);
        assertThat(changes.valueOr("quantity", 3)).isEqualTo(3);
        assertThat(Changes.column("runStepFieldValueId")).isEqualTo("run_step_field_value_id");
    }
}
