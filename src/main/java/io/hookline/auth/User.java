package io.hookline.auth;

import java.time.OffsetDateTime;

import io.hookline.api.Caller;

public record User(long id, long organizationId, String name, String email, Caller.Role role,
                   OffsetDateTime createdAt) {
}
