package io.hookline.subscription;

import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.capture.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a subscription's filter against its resource and compiles it for the fan-out: the
 * filter is kept as given (its API shape, as JSON) and beside it as a jsonpath predicate.
 */
@Component
class SubscriptionFilters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ResourceColumns columns;

    SubscriptionFilters(ResourceColumns columns) {
        this.columns = columns;
    }

    /**
     * A filter as stored: the API's shape as JSON text, the jsonpath the fan-out evaluates, and its
     * key as JSON ({@code {"field": …, "values": […]}}), or null when it has none.
     */
    record Compiled(String json, String path, String key) {
    }

    Compiled compile(String resourceName, Object input) {
        Resource resource = Resource.valueOf(resourceName);
        Map<String, ResourceColumns.Kind> fields = columns.of(resource);
        FilterNode filter = FilterParser.parse(input, resource.name(), fields);
        FilterCompiler compiler = new FilterCompiler(fields, columns.bookkeeping());
        String key = compiler.key(filter)
                .map(k -> "{\"field\": " + JSON.writeValueAsString(k.field()) + ", \"values\": ["
                        + String.join(", ", k.values()) + "]}")
                .orElse(null);
        return new Compiled(JSON.writeValueAsString(filter.toApi()), compiler.compile(filter), key);
    }

    /** A stored filter compiled again, for a subscription moving to another resource. */
    Compiled recompile(String resourceName, String json) {
        try {
            return compile(resourceName, JSON.readValue(json, Object.class));
        } catch (ApiException e) {
            throw ApiException.badInput("the subscription's filter does not fit " + resourceName + ": "
                    + e.getMessage() + "; give a new filter (or filter: null) with the resource");
        }
    }

    /** A stored filter in the API's shape, for {@code WebhookSubscription.filter}. */
    static Object read(String json) {
        return json == null ? null : JSON.readValue(json, Object.class);
    }
}
