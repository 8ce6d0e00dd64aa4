package io.hookline.auth;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.api.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks users up for the other features, e.g. to show who created a receiver. */
@Component
public class UserDirectory {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, User> byIds(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<User> users = jdbc.sql("select * from users where organization_id = :org and id in (:ids)")
                .param("org", organizationId).param("ids", ids)
                .query((rs, n) -> new User(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
                        rs.getString("email"), Caller.Role.valueOf(rs.getString("role")),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
        return users.stream().collect(Collectors.toMap(User::id, Function.identity()));
    }
}
