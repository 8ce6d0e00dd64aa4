package io.hookline.manufacturing.procedure;

import java.util.List;

import io.hookline.manufacturing.Json;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Step templates and field definitions as they are kept in {@code jsonb} columns. */
public final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {
    }

    public static List<StepTemplate> steps(String json) {
        return JSON.readValue(json, new TypeReference<List<StepTemplate>>() { });
    }

    public static List<StepTemplate.Field> fields(String json) {
        return JSON.readValue(json, new TypeReference<List<StepTemplate.Field>>() { });
    }

    public static Json json(Object value) {
        return new Json(JSON.writeValueAsString(value));
    }
}
