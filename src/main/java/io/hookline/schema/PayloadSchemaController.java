package io.hookline.schema;

import java.util.Map;

import io.hookline.api.ApiException;
import io.hookline.capture.Resource;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Answers {@code webhookPayloadSchema} and {@code webhookPayloadExample}: what a receiver of a resource's events will get. */
@Controller
class PayloadSchemaController {

    private final PayloadSchemas schemas;

    PayloadSchemaController(PayloadSchemas schemas) {
        this.schemas = schemas;
    }

    @QueryMapping
    String webhookPayloadSchema(@Argument String resource) {
        return schemas.json(resource(resource));
    }

    @QueryMapping
    String webhookPayloadExample(@Argument String resource, @Argument Resource.Action action) {
        return schemas.example(resource(resource), action, Map.of());
    }

    private static Resource resource(String name) {
        return Resource.parse(name).orElseThrow(() -> ApiException.badInput("resource: unknown resource " + name));
    }
}
