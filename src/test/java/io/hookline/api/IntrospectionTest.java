package io.hookline.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The introspection queries real clients send, verbatim: {@code getIntrospectionQuery} of
 * graphql-js 16.15 / 17.1 (identical text) by default, with every option a server can honour on,
 * and with a shallow type depth. ({@code experimentalDirectiveDeprecation} asks for
 * {@code __Directive.isDeprecated}, which graphql-java does not define.) They must load the whole schema with or without a key, while the depth and size
 * limits still stop an abusive walk of the type graph.
 */
class IntrospectionTest extends IntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"graphql-js-default", "graphql-js-every-option", "graphql-js-type-depth-3"})
    void the_standard_introspection_query_loads_the_schema_with_a_key(String name) {
        assertLoadsTheSchema(api.execute(document(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"graphql-js-default", "graphql-js-every-option", "graphql-js-type-depth-3"})
    void the_standard_introspection_query_loads_the_schema_without_a_key(String name) {
        assertLoadsTheSchema(api.as(null).execute(document(name)));
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

    @Test
    void generated_queries_equal_the_recorded_ones() {
        Map<String, IntrospectionQuery> queries = Map.of("graphql-js-default", IntrospectionQuery.DEFAULT,
                "graphql-js-every-option", IntrospectionQuery.DEFAULT.withEveryOption(),
                "graphql-js-type-depth-3", IntrospectionQuery.DEFAULT.withDescriptions(false).withTypeDepth(3));
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> queries.forEach((name, query) -> soft.assertThat(query.text().replaceAll("\\s+", " ").strip()).as(name)
                .isEqualTo(document(name).replaceAll("\\s+", " ").strip())));
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

    static String document(String name) {
        try (InputStream in = IntrospectionTest.class.getResourceAsStream("/introspection/" + name + ".graphql")) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
