package io.hookline.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema is the API's documentation: every type, field, argument and enum value carries a description. */
class SchemaDocumentationTest extends IntegrationTest {

    @Test
    void every_type_field_input_field_and_enum_value_is_described() {
        List<Map<String, Object>> types = api.execute("""
                { __schema { types { name kind description
                    fields(includeDeprecated: true) { name description }
                    inputFields { name description }
                    enumValues(includeDeprecated: true) { name description } } } }
                """).ok().path("$.data.__schema.types");
        List<String> undescribed = new ArrayList<>();
        for (Map<String, Object> type : types) {
            String name = (String) type.get("name");
            if (name.startsWith("__") || List.of("String", "Boolean", "Int", "Float", "ID").contains(name)) {
                continue;
            }
            if (blank(type.get("description"))) {
                undescribed.add(name);
            }
            for (String member : List.of("fields", "inputFields", "enumValues")) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> children = (List<Map<String, Object>>) type.get(member);
                if (children != null) {
                    children.stream().filter(c -> blank(c.get("description")))
                            .forEach(c -> undescribed.add(name + "." + c.get("name")));
                }
            }
        }
        assertThat(undescribed).as("types and fields without a description").isEmpty();
    }

    private static boolean blank(Object description) {
        return description == null || description.toString().isBlank();
    }
}
