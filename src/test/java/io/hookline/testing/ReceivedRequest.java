package io.hookline.testing;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request a {@link TestReceiver} got, exactly as it arrived.
 *
 * @param number        1-based, in order of arrival across all connections
 * @param method        e.g. {@code POST}
 * @param target        the request target as sent: a path, or an absolute URI when sent to a proxy
 * @param path          the path of the target, without the query
 * @param headers       lower-cased names, in arrival order, each with its values in order
 * @param body          the body bytes (de-chunked if sent chunked)
 * @param arrivedAt     when the request had been read completely
 * @param remoteAddress the address the request came from
 */
public record ReceivedRequest(int number, String method, String target, String path,
                              Map<String, List<String>> headers, byte[] body, Instant arrivedAt,
                              InetAddress remoteAddress) {

    /** The first value of a header, or null; the name is matched case-insensitively. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** All values of a header; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
