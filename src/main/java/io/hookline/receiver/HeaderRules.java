package io.hookline.receiver;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.hookline.api.ApiException;

/**
 * What a custom header may be, checked when a receiver is saved and again when each webhook is
 * sent, from this one list. Reserved names are the ones Hookline signs or sets, and the ones the
 * transport owns (framing, encoding, hop-by-hop): letting a receiver's configuration replace
 * them would forge what the receiver verifies or break how it reads the body.
 */
public final class HeaderRules {

    static final int MAX_HEADERS = 20;
    static final int MAX_TOTAL_BYTES = 8 * 1024;

    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    /** Every header whose name starts with this is Hookline's (the Standard Webhooks headers). */
    static final String RESERVED_PREFIX = "webhook-";
    static final Set<String> RESERVED = Set.of(
            // set and signed by Hookline
            "user-agent", "x-ion-signature", "webhook-id", "webhook-timestamp", "webhook-signature",
            // framing and content: the body is exactly the bytes signed, uncompressed
            "content-type", "content-length", "transfer-encoding", "content-encoding", "content-range",
            "accept-encoding", "host", "expect", "date", "via", "max-forwards",
            // hop-by-hop (RFC 9110 §7.6.1) and proxy credentials
            "connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer", "trailers",
            "proxy-authorization", "proxy-authenticate");

    private HeaderRules() {
    }

    record Header(String key, String value) {
    }

    static void checkOne(String key, String value) {
        if (key == null || !TOKEN.matcher(key).matches()) {
            throw ApiException.badInput("headers.key '" + key + "' is not a valid header name");
        }
        if (isReserved(key)) {
            throw ApiException.badInput("headers.key '" + key + "' is reserved: Hookline or the HTTP transport sets it");
        }
        if (value == null) {
            throw ApiException.badInput("headers.value of '" + key + "' is required");
        }
        if (!isCleanValue(value)) {
            throw ApiException.badInput("headers.value of '" + key + "' may hold only visible ASCII characters, "
                    + "spaces and tabs, and must not start or end with a space or tab");
        }
    }

    /** The check at send: a header stored before a rule tightened is dropped rather than sent. */
    public static boolean allowedAtSend(String key, String value) {
        return key != null && value != null && TOKEN.matcher(key).matches() && !isReserved(key) && isCleanValue(value);
    }

    static boolean isReserved(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith(RESERVED_PREFIX);
    }

    /** RFC 9110 field values, limited to ASCII: anything above U+007E would be sent as '?' or mangled. */
    private static boolean isCleanValue(String value) {
        if (!value.isEmpty() && (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)))) {
            return false;
        }
        return value.chars().allMatch(c -> (c >= 0x21 && c <= 0x7E) || isBlank((char) c));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Checks a receiver's whole set of headers: each one, no duplicates, and the overall limits. */
    static void checkAll(List<Header> headers) {
        if (headers.size() > MAX_HEADERS) {
            throw ApiException.badInput("headers: at most " + MAX_HEADERS + " custom headers per receiver");
        }
        Set<String> seen = new HashSet<>();
        int bytes = 0;
        for (Header header : headers) {
            checkOne(header.key(), header.value());
            if (!seen.add(header.key().toLowerCase(Locale.ROOT))) {
                throw ApiException.badInput("headers.key '" + header.key() + "' is given twice");
            }
            bytes += header.key().getBytes(StandardCharsets.UTF_8).length
                    + header.value().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw ApiException.badInput("headers: keys and values together must be at most " + MAX_TOTAL_BYTES
                    + " bytes, not " + bytes);
        }
    }
}
