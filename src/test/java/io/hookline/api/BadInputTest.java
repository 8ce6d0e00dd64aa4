package io.hookline.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input, through real HTTP: each gets {@code BAD_USER_INPUT} (in a
 * GraphQL-shaped body, with the GraphQL-over-HTTP status for requests that are not one GraphQL
 * request), a message naming the field and the rule, and writes nothing.
 */
class BadInputTest extends IntegrationTest {

    private static final String CREATE_RUN = "mutation($input: CreateRunInput!) { createRun(input: $input) { run { id quantity } } }";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A GraphQL request body (raw JSON, so the test controls every byte), and what the message must say. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("a Decimal with a huge exponent", variables("{\"title\": \"t\", \"quantity\": \"1e999999999\"}"),
                        new String[]{"$input.quantity: '1e999999999' is out of range: a Decimal has at most 12 digits before the point and 6 after"}),
                arguments("a Decimal of 1e1000 as text", variables("{\"title\": \"t\", \"quantity\": \"1e1000\"}"),
                        new String[]{"$input.quantity", "out of range"}),
                arguments("a Decimal of 1e1000 as a JSON number", variables("{\"title\": \"t\", \"quantity\": 1e1000}"),
                        new String[]{"quantity", "out of range"}),
                arguments("a 50-digit integer Decimal", variables("{\"title\": \"t\", \"quantity\": " + "9".repeat(50) + "}"),
                        new String[]{"quantity", "out of range"}),
                arguments("a 50-digit integer Decimal literal", literal("createRun(input: {title: \"t\", quantity: "
                        + "1".repeat(50) + "}) { run { id } }"), new String[]{"quantity", "out of range"}),
                arguments("a Decimal with more decimals than stored", variables("{\"title\": \"t\", \"quantity\": \"1.0000001\"}"),
                        new String[]{"$input.quantity: '1.0000001' is too precise"}),
                arguments("a Decimal that is not a number", variables("{\"title\": \"t\", \"quantity\": \"12 kg\"}"),
                        new String[]{"$input.quantity: '12 kg' is not a decimal number"}),
                arguments("a NUL in a string variable", variables("{\"title\": \"a\\u0000b\"}"),
                        new String[]{"$input.title: text must not contain the NUL character (U+0000)"}),
                arguments("a NUL in a string literal", literal("createRun(input: {title: \"a\\u0000b\"}) { run { id } }"),
                        new String[]{"createRun(input).title", "NUL character"}),
                arguments("a lone surrogate in a JSON variable", variables("{\"title\": \"a\\ud800b\"}"),
                        new String[]{"$input.title", "lone surrogate U+D800"}),
                arguments("a lone low surrogate in a JSON variable", variables("{\"title\": \"\\udc00\"}"),
                        new String[]{"$input.title", "lone surrogate U+DC00"}),
                arguments("a lone surrogate in a string literal", literal("createRun(input: {title: \"\\ud800\"}) { run { id } }"),
                        new String[]{"Invalid unicode", "Leading surrogate must be followed by a trailing surrogate", "line 1"}),
                arguments("an ID that is not a number", literal("updateRun(input: {id: \"abc\", etag: \"x\", title: \"t\"}) { run { id } }"),
                        new String[]{"input.id: 'abc' is not a valid ID: IDs are whole numbers"}),
                arguments("an ID argument that is not a number", query("{ webhookReceiver(id: \"abc\") { id } }"),
                        new String[]{"id: 'abc' is not a valid ID"}),
                arguments("an Int beyond 32 bits", query("{ runs(first: 99999999999) { totalCount } }"),
                        new String[]{"argument 'first'", "integer range"}),
                arguments("a Boolean given as text", literal("createWebhookReceiver(input: {name: \"n\", "
                        + "webhookUri: \"https://example.com/\", active: \"yes\"}) { webhookReceiver { id } }"),
                        new String[]{"active", "Boolean"}),
                arguments("an unknown enum value", literal("createWebhookReceiver(input: {name: \"n\", "
                        + "webhookUri: \"https://example.com/\", contentType: XML}) { webhookReceiver { id } }"),
                        new String[]{"contentType", "XML"}),
                arguments("a title too long", variables("{\"title\": \"" + "x".repeat(2001) + "\"}"),
                        new String[]{"title", "at most 2000 characters"}),
                arguments("an impossible DateTime", query("{ webhookEvents(filters: {createdAfter: \"+999999-01-01T00:00:00Z\"}) { totalCount } }"),
                        new String[]{"createdAfter", "out of range", "year is 1 to 9999"}),
                arguments("a DateTime with no offset", query("{ webhookEvents(filters: {createdAfter: \"2026-01-01T00:00:00\"}) { totalCount } }"),
                        new String[]{"createdAfter", "not an ISO-8601 date-time with offset"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void a_bad_value_is_bad_user_input_naming_the_field_and_rule_and_changes_nothing(String what, String body,
                                                                                    String[] message) {
        GraphQl.Response response = api.post(body);
        assertThat(response.status()).as(response.body()).isIn(200, 400);
        assertThat(response.errorCode()).as(response.body()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains(message);
        assertThat(response.body()).doesNotContain("INTERNAL").doesNotContain("Exception");
        assertNothingWritten();
    }

    /** Requests that are not one GraphQL request: the status of GraphQL-over-HTTP, a GraphQL-shaped body. */
    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                arguments("bad JSON", "POST", "application/json", "{\"query\": ", 400, "not valid JSON"),
                arguments("a batched array", "POST", "application/json", "[{\"query\": \"{ me { id } }\"}]", 400,
                        "Batched requests"),
                arguments("variables that are an array", "POST", "application/json",
                        "{\"query\": \"{ me { id } }\", \"variables\": [1]}", 400, "variables must be an object"),
                arguments("variables that are a string", "POST", "application/json",
                        "{\"query\": \"{ me { id } }\", \"variables\": \"{}\"}", 400, "variables must be an object"),
                arguments("no query", "POST", "application/json", "{\"variables\": {}}", 400, "query is required"),
                arguments("a query that is not a string", "POST", "application/json", "{\"query\": 42}", 400,
                        "query must be a non-empty string"),
                arguments("an operationName that is not a string", "POST", "application/json",
                        "{\"query\": \"{ me { id } }\", \"operationName\": 1}", 400, "operationName must be a string"),
                arguments("a body that is a JSON string", "POST", "application/json", "\"{ me { id } }\"", 400,
                        "must be a JSON object"),
                arguments("an empty body", "POST", "application/json", "", 400, "empty"),
                arguments("a wrong content type", "POST", "text/plain", "{\"query\": \"{ me { id } }\"}", 415,
                        "Content-Type 'text/plain' is not supported"),
                arguments("no content type", "POST", null, "{\"query\": \"{ me { id } }\"}", 415, "Content-Type (none)"),
                arguments("a GET", "GET", null, null, 405, "GET is not supported"),
                arguments("a PUT", "PUT", "application/json", "{\"query\": \"{ me { id } }\"}", 405, "PUT is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void a_malformed_request_gets_its_http_status_and_a_graphql_shaped_error(String what, String method, String contentType,
                                                                            String body, int status, String message)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", "Bearer " + tenant.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        GraphQl.Response answer = new GraphQl.Response(response.statusCode(), response.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.errorMessage()).contains(message);
        if (status == 405) {
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        }
        assertNothingWritten();
    }

    @Test
    void a_price_with_more_decimals_than_stored_is_refused() {
        long order = api.execute("mutation { createPurchaseOrder(input: {supplier: \"S\"}) { purchaseOrder { id } } }")
                .ok().id("$.data.createPurchaseOrder.purchaseOrder.id");
        long part = api.execute("mutation { createPart(input: {partNumber: \"P-1\"}) { part { id } } }")
                .ok().id("$.data.createPart.part.id");
        GraphQl.Response response = api.execute("mutation { createPurchaseOrderLine(input: {purchaseOrderId: " + order
                + ", partId: " + part + ", quantityOrdered: 1, unitPrice: \"1.12345\"}) { purchaseOrderLine { id } } }");
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains("unitPrice", "too precise", "4 digits after the point");
        assertThat(jdbc.sql("select count(*) from purchase_order_lines").query(Long.class).single()).isZero();
    }

    @Test
    void good_decimals_are_kept_exactly() {
        long part = api.execute("mutation { createPart(input: {partNumber: \"P-1\"}) { part { id } } }")
                .ok().id("$.data.createPart.part.id");
        GraphQl.Response response = api.post(variables("{\"title\": \"t\", \"partId\": " + part
                + ", \"quantity\": \"999999999999.123456\"}")).ok();
        assertThat(response.string("$.data.createRun.run.quantity")).isEqualTo("999999999999.123456");
        assertThat(jdbc.sql("select quantity::text from runs").query(String.class).single()).isEqualTo("999999999999.123456");
        assertThat(response.body()).contains("\"quantity\":999999999999.123456");
        assertThat(api.post(variables("{\"title\": \"t\", \"partId\": " + part + ", \"quantity\": 1.5000000000}")).ok()
                .string("$.data.createRun.run.quantity")).isEqualTo("1.5");
    }

    @Test
    void text_with_a_surrogate_pair_is_kept_exactly() {
        api.post(variables("{\"title\": \"gear \\ud83d\\udd27\"}")).ok();
        assertThat(jdbc.sql("select title from runs").query(String.class).single()).isEqualTo("gear \uD83D\uDD27");
    }

    private void assertNothingWritten() {
        assertThat(jdbc.sql("select count(*) from runs").query(Long.class).single()).as("runs").isZero();
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).as("receivers").isZero();
    }

    private static String variables(String input) {
        return "{\"query\": \"" + CREATE_RUN.replace("\"", "\\\"") + "\", \"variables\": {\"input\": " + input + "}}";
    }

    private static String literal(String mutation) {
        return "{\"query\": " + json("mutation { " + mutation + " }") + "}";
    }

    private static String query(String document) {
        return "{\"query\": " + json(document) + "}";
    }

    /** A JSON string of {@code text} whose backslash escapes stay GraphQL escapes. */
    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
