package io.hookline.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs one try of an event the way receivers verify it (docs/receiving.md): a Standard Webhooks
 * {@code webhook-signature} with every valid secret, and the legacy {@code x-ion-signature} with the
 * current one. Pure: the same inputs always give the same headers.
 */
public final class WebhookSigner {

    /** Every shared secret starts with this; the Standard Webhooks key is the base64 after it. */
    public static final String SECRET_PREFIX = "whsec_";

    private static final int NEW_SECRET_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    /**
     * Looking up the HMAC provider costs more than signing a small body; each signature uses a
     * clone of this one, never the prototype itself (a Mac is not safe to share between threads).
     */
    private static final Mac PROTOTYPE = newMac();

    private WebhookSigner() {
    }

    /** The signature headers of one try, in the order they are sent. */
    public record SignatureHeaders(String webhookId, String webhookTimestamp, String webhookSignature,
                                   String ionSignature) {

        /** Name/value pairs with lower-case names, ready to put on a request. */
        public List<DeliveryRequest.Header> asList() {
            return List.of(
                    new DeliveryRequest.Header("webhook-id", webhookId),
                    new DeliveryRequest.Header("webhook-timestamp", webhookTimestamp),
                    new DeliveryRequest.Header("webhook-signature", webhookSignature),
                    new DeliveryRequest.Header("x-ion-signature", ionSignature));
        }
    }

    /**
     * Signs {@code body}, which must be the exact bytes put on the wire.
     *
     * @param secrets valid shared secrets, current first; each gives one {@code v1,…} entry
     * @throws IllegalArgumentException when there is no secret or one is not a valid {@code whsec_} key
     */
    public static SignatureHeaders sign(long eventId, long timestampSeconds, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a receiver needs at least one shared secret to sign with");
        }
        String id = webhookId(eventId);
        String timestamp = Long.toString(timestampSeconds);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        List<String> entries = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            entries.add("v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), prefix, body)));
        }
        byte[] ionKey = secrets.getFirst().getBytes(StandardCharsets.UTF_8);
        String ionSignature = HexFormat.of().formatHex(hmac(ionKey, body));
        return new SignatureHeaders(id, timestamp, String.join(" ", entries), ionSignature);
    }

    /** Same as {@link #sign(long, long, byte[], List)} for a body sent as its UTF-8 encoding. */
    public static SignatureHeaders sign(long eventId, long timestampSeconds, String body, List<String> secrets) {
        return sign(eventId, timestampSeconds, body.getBytes(StandardCharsets.UTF_8), secrets);
    }

    /** The {@code webhook-id} of an event: the same on every retry. */
    public static String webhookId(long eventId) {
        return "evt_" + eventId;
    }

    /** A fresh shared secret: {@code whsec_} and the standard base64 of 32 random bytes. */
    public static String newSecret(RandomGenerator random) {
        byte[] key = new byte[NEW_SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code secret} is {@code whsec_} followed by standard base64 of 24 to 64 bytes. */
    public static boolean isValidSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] standardKey(String secret) {
        if (!isValidSecret(secret)) {
            // Never echo the secret itself: this message can reach logs and the audit trail.
            throw new IllegalArgumentException("a shared secret is not a valid whsec_ key");
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = (Mac) PROTOTYPE.clone();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (CloneNotSupportedException | InvalidKeyException e) {
            // The JDK's HmacSHA256 can be cloned, and it takes keys of any length.
            throw new IllegalStateException("HmacSHA256 cannot sign", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime ships HmacSHA256.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
