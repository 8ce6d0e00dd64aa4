package io.hookline.receiver;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.hookline.api.ApiException;

/**
 * What a custom header may be. Reserved names are the ones Hookline signs or the transport owns:
 * letting a receiver's configuration replace them would forge or break what the receiver verifies.
 */
final class HeaderRules {

    static final int MAX_HEADERS = 20;
    static final int MAX_TOTAL_BYTES = 8 * 1024;

    /** RFC 9110 token characters. */
    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$");
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "user-agent",
            "x-ion-signature", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
            "expect", "proxy-authorization", "proxy-connection");

    private HeaderRules() {
    }

    record Header(String key, String value) {
    }

    static void checkOne(String key, String value) {
        if (key == null || !TOKEN.matcher(key).matches()) {
            throw ApiException.badInput("headers.key '" + key + "' is not a valid header name");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("webhook-")) {
            throw ApiException.badInput("headers.key '" + key + "' is reserved: Hookline sets it on every webhook");
        }
        if (value == null) {
            throw ApiException.badInput("headers.value of '" + key + "' is required");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw ApiException.badInput("headers.value of '" + key + "' must not contain CR, LF or NUL");
        }
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
