package io.hookline.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The introspection queries real clients send ({@link IntrospectionQuery}): graphql-js's
 * {@code getIntrospectionQuery} by default, with every option a server can honour on, and without
 * descriptions at a shallow type depth. They must load the whole schema with or without a key, while
 * the depth and size limits still stop an abusive walk of the type graph.
 */
class IntrospectionTest extends IntegrationTest {

    static Stream<Named<String>> clientQueries() {
        return Stream.of(
                Named.of("graphql-js-default", IntrospectionQuery.DEFAULT.text()),
                Named.of("graphql-js-every-option", IntrospectionQuery.DEFAULT.withEveryOption().text()),
                Named.of("graphql-js-type-depth-3",
                        IntrospectionQuery.DEFAULT.withDescriptions(false).withTypeDepth(3).text()));
    }

    @ParameterizedTest
    @MethodSource("clientQueries")
    void the_standard_introspection_query_loads_the_schema_with_a_key(String query) {
        assertLoadsTheSchema(api.execute(query));
    }

    @ParameterizedTest
    @MethodSource("clientQueries")
    void the_standard_introspection_query_loads_the_schema_without_a_key(String query) {
        assertLoadsTheSchema(api.as(null).execute(query));
    }

    @Test
    void introspection_walking_the_type_graph_round_and_round_is_refused() {
        String cyclic = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        GraphQl.Response response = api.execute(cyclic);
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.body()).doesNotContain("\"types\":[{");
    }

    @Test
    void a_deep_query_beside_introspection_is_still_refused() {
        String deep = "{ __typename webhookSubscriptions { edges { node { " + "receiver { subscriptions { ".repeat(8)
                + "id" + " } }".repeat(8) + " } } } }";
        GraphQl.Response response = api.execute(deep);
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains("maximum query depth exceeded");
    }

    private static void assertLoadsTheSchema(GraphQl.Response response) {
        response.ok();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.string("$.data.__schema.queryType.name")).isEqualTo("Query");
        List<String> types = response.path("$.data.__schema.types[*].name");
        assertThat(types).contains("WebhookReceiver", "WebhookSubscription", "WebhookEvent", "Run", "Decimal",
                "DateTime", "ResourceEnum", "__Schema");
        List<Map<String, Object>> receiverFields = response.path(
                "$.data.__schema.types[?(@.name == 'WebhookReceiver')].fields[*]");
        assertThat(receiverFields).extracting(field -> field.get("name")).contains("webhookUri", "sharedSecret");
    }
}
