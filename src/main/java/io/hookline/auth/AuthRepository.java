package io.hookline.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.query.Connection;
import io.hookline.query.KeysetPaginator;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations, users and API keys. */
@Repository
class AuthRepository {

    private static final SortKey BY_ID = new SortKey("ID", "id", "bigint");

    private static final RowMapper<User> USER = (rs, n) -> new User(rs.getLong("id"), rs.getLong("organization_id"),
            rs.getString("name"), rs.getString("email"), Caller.Role.valueOf(rs.getString("role")),
            rs.getObject("created_at", OffsetDateTime.class));

    private static final RowMapper<ApiKey> API_KEY = (rs, n) -> new ApiKey(rs.getLong("id"), rs.getLong("user_id"),
            rs.getString("name"), rs.getString("prefix"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class));

    private final JdbcClient jdbc;
    private final KeysetPaginator paginator;

    AuthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.paginator = new KeysetPaginator(jdbc);
    }

    Optional<Caller> callerForToken(String token) {
        return jdbc.sql("""
                        select k.id as key_id, u.id as user_id, u.organization_id, u.name, u.role
                        from api_keys k join users u on u.id = k.user_id
                        where k.token_hash = :hash and k.revoked_at is null
                        """)
                .param("hash", ApiKeyTokens.hash(token))
                .query((rs, n) -> new Caller(rs.getLong("organization_id"), rs.getLong("user_id"),
                        rs.getString("name"), Caller.Role.valueOf(rs.getString("role")), rs.getLong("key_id")))
                .optional();
    }

    /** Marks a key used; at most once a minute, whichever process asks, so that reads stay reads. */
    void touch(long apiKeyId, Instant now) {
        jdbc.sql("""
                        update api_keys set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :now - interval '1 minute')
                        """)
                .param("id", apiKeyId).param("now", now.atOffset(java.time.ZoneOffset.UTC)).update();
    }

    boolean anyOrganization() {
        return jdbc.sql("select exists (select 1 from organizations)").query(Boolean.class).single();
    }

    long createOrganization(String name) {
        return jdbc.sql("insert into organizations (name) values (:name) returning id")
                .param("name", name).query(Long.class).single();
    }

    User createUser(long organizationId, String name, String email, Caller.Role role) {
        try {
            return jdbc.sql("""
                            insert into users (organization_id, name, email, role)
                            values (:org, :name, :email, :role) returning *
                            """)
                    .param("org", organizationId).param("name", name).param("email", email)
                    .param("role", role.name())
                    .query(USER).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A user with email " + email + " already exists");
        }
    }

    Optional<User> findUser(long organizationId, long id) {
        return jdbc.sql("select * from users where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(USER).optional();
    }

    Connection<User> users(long organizationId, PageArgs page) {
        return paginator.page("*", "users", "id", SqlFilter.where("organization_id = :org", "org", organizationId),
                BY_ID, SortDirection.ASC, page, USER);
    }

    ApiKey createApiKey(long organizationId, long userId, String name, String token) {
        return jdbc.sql("""
                        insert into api_keys (organization_id, user_id, name, prefix, token_hash)
                        values (:org, :user, :name, :prefix, :hash) returning *
                        """)
                .param("org", organizationId).param("user", userId).param("name", name)
                .param("prefix", ApiKeyTokens.displayPrefix(token)).param("hash", ApiKeyTokens.hash(token))
                .query(API_KEY).single();
    }

    Optional<ApiKey> revokeApiKey(long organizationId, long id) {
        return jdbc.sql("""
                        update api_keys set revoked_at = coalesce(revoked_at, now())
                        where organization_id = :org and id = :id returning *
                        """)
                .param("org", organizationId).param("id", id).query(API_KEY).optional();
    }

    Connection<ApiKey> apiKeys(long organizationId, Long userId, PageArgs page) {
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", organizationId)
                .and("user_id = :user", "user", userId);
        return paginator.page("*", "api_keys", "id", filter, BY_ID, SortDirection.ASC, page, API_KEY);
    }
}
