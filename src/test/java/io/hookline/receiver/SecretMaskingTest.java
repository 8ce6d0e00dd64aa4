package io.hookline.receiver;

import java.util.List;
import java.util.Map;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Tenants;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A MEMBER reads receivers but never their shared secret or header values in full; an ADMIN does. */
class SecretMaskingTest extends IntegrationTest {

    private static final String READ = """
            query($id: ID!) { webhookReceiver(id: $id) { sharedSecret headers { key value } }
              webhookReceivers { edges { node { sharedSecret headers { value } } } } }
            """;

    @Test
    void a_member_sees_the_shared_secret_and_header_values_masked_and_an_admin_sees_them_whole() {
        GraphQl.Response created = api.execute("""
                mutation { createWebhookReceiver(input: {name: "r", webhookUri: "https://example.com/h",
                  headers: [{key: "Authorization", value: "Bearer receiver-credential"}]}) {
                  webhookReceiver { id sharedSecret } } }
                """).ok();
        long id = created.id("$.data.createWebhookReceiver.webhookReceiver.id");
        String secret = created.string("$.data.createWebhookReceiver.webhookReceiver.sharedSecret");
        Tenants.Tenant member = tenants.user(tenant.organizationId(), "Mia", "MEMBER");

        GraphQl.Response asMember = api.as(member.token()).execute(READ, Map.of("id", id)).ok();
        String masked = asMember.string("$.data.webhookReceiver.sharedSecret");
        assertThat(masked).isEqualTo("whsec_********" + secret.substring(secret.length() - 4));
        assertThat(asMember.body()).doesNotContain(secret).doesNotContain(secret.substring(6, 20))
                .doesNotContain("receiver-credential");
        assertThat(asMember.<List<String>>path("$.data.webhookReceiver.headers[*].value")).containsExactly("********");
        assertThat(asMember.<List<String>>path("$.data.webhookReceivers.edges[*].node.sharedSecret")).containsExactly(masked);
        assertThat(asMember.<List<String>>path("$.data.webhookReceivers.edges[*].node.headers[*].value"))
                .containsExactly("********");

        GraphQl.Response asAdmin = api.execute(READ, Map.of("id", id)).ok();
        assertThat(asAdmin.string("$.data.webhookReceiver.sharedSecret")).isEqualTo(secret);
        assertThat(asAdmin.<List<String>>path("$.data.webhookReceiver.headers[*].value"))
                .containsExactly("Bearer receiver-credential");

        GraphQl.Response rotate = api.as(member.token()).execute(
                "mutation($id: ID!) { rotateWebhookReceiverSecret(id: $id, etag: \"x\") { webhookReceiver { id } } }",
                Map.of("id", id));
        assertThat(rotate.errorCode()).isEqualTo("FORBIDDEN");
    }
}
