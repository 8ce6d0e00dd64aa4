package io.hookline.receiver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Relay tokens: {@code rly_} and 32 random bytes, good only for one receiver's relay endpoints
 * (docs/relay.md). Only a SHA-256 is stored: the token has full entropy, so a slow hash would add
 * nothing but latency to every poll.
 */
public final class RelayTokens {

    public static final String PREFIX = "rly_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LENGTH = 200;

    private RelayTokens() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the shape of a relay token (says nothing of whether it is valid). */
    public static boolean looksValid(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() <= MAX_LENGTH;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
