package io.hookline.api;

/**
 * Who is calling: resolved from the API key on every request and put in the GraphQL context
 * under {@link #CONTEXT_KEY}. Every query is scoped to {@link #organizationId()}.
 */
public record Caller(long organizationId, long userId, String userName, Role role, long apiKeyId) {

    public static final String CONTEXT_KEY = "caller";

    public enum Role { ADMIN, MEMBER }

    /** Changing webhooks, users and keys is for admins; members may read. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw ApiException.forbidden("Only an ADMIN may do this; " + userName + " is a MEMBER");
        }
    }
}
