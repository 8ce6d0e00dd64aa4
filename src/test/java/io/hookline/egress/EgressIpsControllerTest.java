package io.hookline.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;

import graphql.ExecutionResult;

/**
 * Runs the query against the controller through Spring GraphQL's own wiring. The schema line is
 * the one the shared schema file declares; the file itself belongs to another package's owner.
 */
class EgressIpsControllerTest {

    @Test
    void webhook_egress_ips_returns_the_configured_addresses_in_order() {
        EgressProperties properties = new EgressProperties(false, List.of(), "", "",
                List.of("54.148.105.168/32", "35.82.251.171/32"));

        ExecutionResult result = execute(properties, "{ webhookEgressIps }");

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData())
                .containsEntry("webhookEgressIps", List.of("54.148.105.168/32", "35.82.251.171/32"));
    }

    @Test
    void webhook_egress_ips_is_an_empty_list_when_none_are_configured() {
        ExecutionResult result = execute(new EgressProperties(false, List.of(), "", "", List.of()), "{ webhookEgressIps }");

        assertThat(result.<Map<String, Object>>getData()).containsEntry("webhookEgressIps", List.of());
    }

    private static ExecutionResult execute(EgressProperties properties, String document) {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(EgressIpsController.class, () -> new EgressIpsController(properties));
            context.refresh();
            var controllers = new AnnotatedControllerConfigurer();
            controllers.setApplicationContext(context);
            controllers.afterPropertiesSet();
            GraphQlSource source = GraphQlSource.schemaResourceBuilder()
                    .schemaResources(new ByteArrayResource(
                            "type Query { webhookEgressIps: [String!]! }".getBytes(StandardCharsets.UTF_8)))
                    .configureRuntimeWiring(controllers)
                    .build();
            return source.graphQl().execute(document);
        }
    }
}
