package io.hookline.relay.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLException;

/**
 * Forwards one relayed event to the local receiver, unchanged: the same headers (signatures
 * included) and the same body a directly connected receiver would get, and says what came of it.
 * Never throws for anything the local receiver does.
 */
final class Forwarder {

    /** Headers the HTTP client sets itself and refuses from callers; the body fixes their values anyway. */
    private static final Set<String> SET_BY_CLIENT = Set.of("content-length", "host", "connection", "expect",
            "upgrade", "transfer-encoding");
    static final int BODY_LIMIT = 16 * 1024;
    static final int HEADERS_LIMIT = 4096;

    private final HttpClient http;
    private final URI target;
    private final Duration timeout;

    Forwarder(URI target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        // HTTP/1.1: an HTTP/2 upgrade attempt would add headers the receiver would not get directly.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI target() {
        return target;
    }

    /** What the local receiver did: {@code status} with headers and capped body, or an error and its kind. */
    record Result(Integer status, String headers, String body, String retryAfter, String errorKind, String error,
                  Duration duration) {
    }

    Result forward(List<Map.Entry<String, String>> headers, String body) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : headers) {
            if (!SET_BY_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String capped;
            try (InputStream in = response.body()) {
                capped = new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8);
            }
            return new Result(response.statusCode(), headerText(response), capped,
                    response.headers().firstValue("retry-after").orElse(null), null, null, since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("OTHER", "the relay client stopped while forwarding", start);
        } catch (IOException | RuntimeException e) {
            return failed(kind(e), describe(e), start);
        }
    }

    private Result failed(String kind, String error, long start) {
        return new Result(null, null, null, null, kind, error, since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String headerText(HttpResponse<?> response) {
        StringBuilder text = new StringBuilder();
        response.headers().map().forEach((name, values) -> values.forEach(
                value -> text.append(name).append(": ").append(value).append('\n')));
        return text.length() > HEADERS_LIMIT ? text.substring(0, HEADERS_LIMIT) : text.toString();
    }

    private String kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return "TIMEOUT";
            }
            if (t instanceof ConnectException) {
                return "CONNECTION_REFUSED";
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "DNS";
            }
            if (t instanceof SSLException) {
                return "TLS";
            }
        }
        String text = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("reset") || text.contains("closed") || text.contains("broken pipe")) {
            return "CONNECTION_RESET";
        }
        return "OTHER";
    }

    private String describe(Throwable failure) {
        return switch (kind(failure)) {
            case "TIMEOUT" -> "no complete response from " + target + " within " + timeout.toSeconds() + " s";
            case "CONNECTION_REFUSED" -> "connection refused by " + target;
            case "DNS" -> "cannot resolve the host of " + target;
            case "CONNECTION_RESET" -> "connection to " + target + " closed before a response";
            default -> failure.getClass().getSimpleName() + ": " + failure.getMessage();
        };
    }
}
