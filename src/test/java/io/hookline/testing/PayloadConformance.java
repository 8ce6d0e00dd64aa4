package io.hookline.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.hookline.capture.Resource;
import org.flywaydb.core.Flyway;
import io.hookline.schema.PayloadSchemas;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a webhook body against the schema Hookline publishes for its resource, with an
 * independent validator (networknt, draft 2020-12, formats asserted). {@link TestReceiver} runs
 * every request that carries a {@code webhook-id} through it, so no body sent in the test suite
 * escapes the check. The schemas are built from the test run's database, as Hookline builds them.
 */
public final class PayloadConformance {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<Resource, Schema> SCHEMAS = new EnumMap<>(Resource.class);
    private static Schema testEvent;
    private static PayloadSchemas source;

    private PayloadConformance() {
    }

    /** What is wrong with a webhook request's body; empty when it matches its resource's schema. */
    public static List<String> violations(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            if (!text.startsWith("payload=")) {
                return List.of("a form body must be payload=<url-encoded JSON>, got: " + text);
            }
            text = URLDecoder.decode(text.substring("payload=".length()), StandardCharsets.UTF_8);
        }
        return violations(text);
    }

    /** What is wrong with a JSON body; empty when it matches its resource's schema. */
    public static List<String> violations(String json) {
        JsonNode body;
        try {
            body = JSON.readTree(json);
        } catch (RuntimeException notJson) {
            return List.of("the body is not JSON: " + notJson.getMessage());
        }
        Schema schema;
        if (body.path("test").asBoolean(false)) {
            schema = testEventSchema();
        } else {
            Resource resource = Resource.parse(body.path("resource").asString(null)).orElse(null);
            if (resource == null || !resource.name().equals(body.path("resource").asString(null))) {
                return List.of("the body names no resource: " + json);
            }
            schema = schema(resource);
        }
        List<Error> errors = schema.validate(body);
        return errors.stream().map(e -> e.toString() + " in " + json).toList();
    }

    /** A body that matches {@code resource}'s schema, with these values in its row: for tests that send bodies by hand. */
    public static String example(Resource resource, Resource.Action action, Map<String, Object> row) {
        return source().example(resource, action, row);
    }

    private static synchronized Schema schema(Resource resource) {
        return SCHEMAS.computeIfAbsent(resource, r -> REGISTRY.getSchema(source().json(r), InputFormat.JSON));
    }

    private static synchronized Schema testEventSchema() {
        if (testEvent == null) {
            testEvent = REGISTRY.getSchema(source().testEventJson(), InputFormat.JSON);
        }
        return testEvent;
    }

    private static synchronized PayloadSchemas source() {
        if (source == null) {
            DriverManagerDataSource database = new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", "postgres");
            // Tests that send bodies by hand may run before any Hookline has migrated the shared database.
            Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
            source = new PayloadSchemas(JdbcClient.create(database));
        }
        return source;
    }
}
