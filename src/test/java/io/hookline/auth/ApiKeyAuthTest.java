package io.hookline.auth;

import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Tenants;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthTest extends IntegrationTest {

    private static final String ME = "{ me { id name role } }";
    private static final String CREATE_RECEIVER = """
            mutation { createWebhookReceiver(input: {name: "r", webhookUri: "https://example.com/hook"}) {
              webhookReceiver { id } } }
            """;

    @Test
    void a_request_without_a_key_is_unauthenticated_and_runs_nothing() {
        GraphQl.Response response = api.as(null).execute(CREATE_RECEIVER);

        assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.body()).doesNotContain("\"data\":{");
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).isZero();
    }

    @Test
    void a_wrong_key_is_unauthenticated() {
        assertThat(api.as("hk_not-a-real-key").execute(ME).errorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_header_that_is_not_a_bearer_token_is_unauthenticated() {
        GraphQl.Response response = api.as(null).post("{\"query\":\"{ me { id } }\"}");
        assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void introspection_alone_needs_no_key() {
        GraphQl.Response response = api.as(null).execute("{ __schema { queryType { name } } }").ok();
        assertThat(response.string("$.data.__schema.queryType.name")).isEqualTo("Query");
    }

    @Test
    void me_is_the_user_of_the_key() {
        GraphQl.Response response = api.execute(ME).ok();
        assertThat(response.id("$.data.me.id")).isEqualTo(tenant.userId());
        assertThat(response.string("$.data.me.role")).isEqualTo("ADMIN");
    }

    @Test
    void an_admin_creates_a_key_that_works_once_shown_and_stops_working_when_revoked() {
        GraphQl.Response created = api.execute("""
                mutation { createApiKey(input: {name: "ci"}) { token apiKey { id name prefix revoked } } }
                """).ok();
        String token = created.string("$.data.createApiKey.token");
        assertThat(token).startsWith("hk_");
        assertThat(created.string("$.data.createApiKey.apiKey.prefix")).isEqualTo(token.substring(0, 9));
        assertThat(api.as(token).execute(ME).ok().id("$.data.me.id")).isEqualTo(tenant.userId());

        GraphQl.Response listed = api.execute("{ apiKeys { edges { node { id name prefix } } pageInfo { totalCount } } }").ok();
        assertThat(listed.body()).doesNotContain(token);
        assertThat(listed.<Integer>path("$.data.apiKeys.pageInfo.totalCount")).isEqualTo(2);

        String id = created.string("$.data.createApiKey.apiKey.id");
        api.execute("mutation($id: ID!) { revokeApiKey(id: $id) { revoked revokedAt } }", java.util.Map.of("id", id)).ok();
        assertThat(api.as(token).execute(ME).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(jdbc.sql("select count(*) from api_keys where token_hash = sha256(convert_to(:t, 'UTF8'))")
                .param("t", token).query(Long.class).single()).as("only the hash is stored").isEqualTo(1);
    }

    @Test
    void a_member_reads_but_may_not_change_webhooks_users_or_keys() {
        GraphQl.Response createdUser = api.execute("""
                mutation { createUser(input: {name: "Mia", email: "mia@example.com", role: MEMBER}) { id role } }
                """).ok();
        long memberId = createdUser.id("$.data.createUser.id");
        String memberToken = api.execute("mutation($u: ID!) { createApiKey(input: {name: \"mia\", userId: $u}) { token } }",
                java.util.Map.of("u", memberId)).ok().string("$.data.createApiKey.token");
        GraphQl member = api.as(memberToken);

        assertThat(member.execute(ME).ok().string("$.data.me.role")).isEqualTo("MEMBER");
        assertThat(member.execute("{ webhookReceivers { pageInfo { totalCount } } }").ok()
                .<Integer>path("$.data.webhookReceivers.pageInfo.totalCount")).isZero();
        assertThat(member.execute(CREATE_RECEIVER).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(member.execute("mutation { createUser(input: {name: \"x\", email: \"x@example.com\"}) { id } }")
                .errorCode()).isEqualTo("FORBIDDEN");
        assertThat(member.execute("mutation { createApiKey(input: {name: \"x\"}) { token } }").errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("select count(*) from webhook_receivers").query(Long.class).single()).isZero();
    }

    @Test
    void a_member_lists_the_users_and_the_api_keys_but_may_not_create_or_revoke_one() {
        String memberToken = tenants.user(tenant.organizationId(), "Mia", "MEMBER").token();
        GraphQl member = api.as(memberToken);
        long adminKey = jdbc.sql("select id from api_keys where user_id = :u").param("u", tenant.userId())
                .query(Long.class).single();

        GraphQl.Response users = member.execute("{ users { edges { node { name role } } pageInfo { totalCount } } }").ok();
        assertThat(users.<Integer>path("$.data.users.pageInfo.totalCount")).isEqualTo(2);
        assertThat(users.<java.util.List<String>>path("$.data.users.edges[*].node.role")).contains("ADMIN", "MEMBER");
        GraphQl.Response keys = member.execute("{ apiKeys { edges { node { id prefix revoked user { name } } } "
                + "pageInfo { totalCount } } }").ok();
        assertThat(keys.<Integer>path("$.data.apiKeys.pageInfo.totalCount")).isEqualTo(2);
        assertThat(keys.<java.util.List<String>>path("$.data.apiKeys.edges[*].node.id")).contains(Long.toString(adminKey));
        assertThat(keys.body()).as("never a token").doesNotContain(memberToken).doesNotContain(tenant.token());
        assertThat(member.execute("mutation($id: ID!) { revokeApiKey(id: $id) { id } }", java.util.Map.of("id", adminKey))
                .errorCode()).isEqualTo("FORBIDDEN");
        assertThat(member.execute("mutation { createApiKey(input: {name: \"x\"}) { token } }").errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(member.execute("mutation { createUser(input: {name: \"x\", email: \"x@example.com\"}) { id } }")
                .errorCode()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("select count(*) from api_keys where organization_id = :o").param("o", tenant.organizationId())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from users where organization_id = :o").param("o", tenant.organizationId())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(api.execute(ME).ok().id("$.data.me.id")).as("the admin's key still works").isEqualTo(tenant.userId());
    }

    @Test
    void a_second_user_with_the_same_email_is_a_conflict() {
        String create = "mutation { createUser(input: {name: \"A\", email: \"a@example.com\"}) { id } }";
        api.execute(create).ok();
        assertThat(api.execute(create).errorCode()).isEqualTo("CONFLICT");
        assertThat(api.execute("mutation { createUser(input: {name: \"A\", email: \"nope\"}) { id } }").errorCode())
                .isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void keys_of_another_organization_cannot_be_revoked() {
        Tenants.Tenant other = tenants.organization("Other");
        long otherKey = jdbc.sql("select id from api_keys where organization_id = :o").param("o", other.organizationId())
                .query(Long.class).single();
        assertThat(api.execute("mutation($id: ID!) { revokeApiKey(id: $id) { id } }", java.util.Map.of("id", otherKey))
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(api.as(other.token()).execute(ME).ok().id("$.data.me.id")).isEqualTo(other.userId());
    }
}
