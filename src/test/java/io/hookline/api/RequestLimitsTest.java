package io.hookline.api;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimitsTest extends IntegrationTest {

    @Test
    void an_oversized_request_body_gets_a_clear_error() {
        String body = "{\"query\":\"{ me { id } }\",\"variables\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}";
        GraphQl.Response response = api.post(body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains("over the limit");
    }

    @Test
    void a_too_deep_query_is_refused_with_a_code() {
        String deep = "{ webhookSubscriptions { edges { node { " + "receiver { subscriptions { ".repeat(8) + "id"
                + " } }".repeat(8) + " } } } }";
        GraphQl.Response response = api.execute(deep);
        assertThat(response.errors()).isNotEmpty();
        assertThat(response.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.errorMessage()).contains("maximum query depth exceeded");
    }

    @Test
    void malformed_documents_and_bad_ids_are_bad_user_input_without_internals() {
        assertThat(api.execute("{ webhookReceivers { ").errorCode()).isEqualTo("BAD_USER_INPUT");
        GraphQl.Response badId = api.execute("{ webhookReceiver(id: \"abc\") { id } }");
        assertThat(badId.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(badId.body()).doesNotContain("Exception").doesNotContain("at io.hookline");
        assertThat(api.execute("{ webhookReceiver(id: 999) { id } }").errorCode()).isEqualTo("NOT_FOUND");
    }
}
