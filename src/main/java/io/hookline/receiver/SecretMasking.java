package io.hookline.receiver;

import io.hookline.api.Caller;

/**
 * Secrets by role: a MEMBER reads a receiver but must not be able to sign webhooks as Hookline or
 * call the receiver with its credentials, so it sees the shared secret and custom header values
 * masked. Only an ADMIN sees them in full (and only an ADMIN may change or rotate them).
 */
public final class SecretMasking {

    /** What a masked value reads as; a secret keeps its {@code whsec_} prefix and last four characters. */
    public static final String MASK = "********";
    private static final String SECRET_PREFIX = "whsec_";

    private SecretMasking() {
    }

    static String sharedSecret(Caller caller, String secret) {
        if (caller.role() == Caller.Role.ADMIN || secret == null) {
            return secret;
        }
        String tail = secret.length() > SECRET_PREFIX.length() + 12 ? secret.substring(secret.length() - 4) : "";
        return (secret.startsWith(SECRET_PREFIX) ? SECRET_PREFIX : "") + MASK + tail;
    }

    static String headerValue(Caller caller, String value) {
        return caller.role() == Caller.Role.ADMIN || value == null ? value : MASK;
    }
}
