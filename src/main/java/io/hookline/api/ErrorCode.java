package io.hookline.api;

/** The {@code extensions.code} of every error the API returns. */
public enum ErrorCode {
    BAD_USER_INPUT, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, INTERNAL
}
