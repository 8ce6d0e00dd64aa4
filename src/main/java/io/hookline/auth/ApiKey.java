package io.hookline.auth;

import java.time.OffsetDateTime;

/** An API key as listed: never its token, which only its creator saw once. */
public record ApiKey(long id, long userId, String name, String prefix, OffsetDateTime createdAt,
                     OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
