package io.hookline.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key tokens: {@code hk_} and 32 random bytes. Only a SHA-256 of a token is stored: a token
 * has full entropy, so a slow password hash would add nothing but latency to every request.
 */
final class ApiKeyTokens {

    static final String PREFIX = "hk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What may be shown of a token after creation, to tell keys apart. */
    static String displayPrefix(String token) {
        return token.substring(0, Math.min(token.length(), PREFIX.length() + 6));
    }
}
