package io.hookline.schema;

import io.hookline.api.ApiException;
import io.hookline.capture.Resource;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Answers {@code webhookPayloadSchema}: what a receiver of a resource's events will get. */
@Controller
class PayloadSchemaController {

    private final PayloadSchemas schemas;

    PayloadSchemaController(PayloadSchemas schemas) {
        this.schemas = schemas;
    }

    @QueryMapping
    String webhookPayloadSchema(@Argument String resource) {
        return schemas.json(Resource.parse(resource).orElseThrow(() -> ApiException.badInput(
                "resource: unknown resource " + resource)));
    }
}
