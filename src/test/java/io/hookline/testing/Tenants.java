package io.hookline.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Creates organizations, users and API keys straight in the database, for tests. */
public final class Tenants {

    private final JdbcClient jdbc;

    public Tenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Tenant(long organizationId, long userId, String token) {
    }

    public Tenant organization(String name) {
        long org = jdbc.sql("insert into organizations (name) values (:name) returning id")
                .param("name", name).query(Long.class).single();
        return user(org, "Admin of " + name, "ADMIN");
    }

    public Tenant user(long organizationId, String name, String role) {
        long user = jdbc.sql("""
                        insert into users (organization_id, name, email, role) values (:org, :name, :email, :role)
                        returning id
                        """)
                .param("org", organizationId).param("name", name)
                .param("email", UUID.randomUUID() + "@example.test").param("role", role)
                .query(Long.class).single();
        String token = "hk_test_" + UUID.randomUUID();
        jdbc.sql("""
                        insert into api_keys (organization_id, user_id, name, prefix, token_hash)
                        values (:org, :user, 'test', :prefix, :hash)
                        """)
                .param("org", organizationId).param("user", user).param("prefix", token.substring(0, 9))
                .param("hash", sha256(token)).update();
        return new Tenant(organizationId, user, token);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
