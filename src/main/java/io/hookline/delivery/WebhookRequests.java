package io.hookline.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** Builds the request a receiver gets (docs/receiving.md): the body as sent, signed, with its headers. */
final class WebhookRequests {

    /** Headers Hookline sets or the HTTP layer owns; a receiver's custom header can never replace them. */
    private static final Set<String> PROTECTED_HEADERS = Set.of("user-agent", "webhook-id", "webhook-timestamp",
            "webhook-signature", "x-ion-signature", "content-type", "content-length", "host", "transfer-encoding",
            "connection");

    private WebhookRequests() {
    }

    /**
     * The POST for one try, signed at {@code startedAt}.
     *
     * @throws IllegalArgumentException when the URI or a secret is unusable; the message is safe to show
     */
    static HttpPost post(DeliveryRequest request, Instant startedAt, String userAgent) {
        URI uri;
        try {
            uri = URI.create(request.webhookUri());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid webhook URI: " + e.getMessage());
        }
        byte[] body = wireBody(request).getBytes(StandardCharsets.UTF_8);
        var signature = WebhookSigner.sign(request.eventId(), startedAt.getEpochSecond(), body, request.secrets());
        HttpPost post = new HttpPost(uri);
        post.setHeader("user-agent", userAgent);
        signature.asList().forEach(h -> post.setHeader(h.key(), h.value()));
        post.setEntity(new ByteArrayEntity(body, ContentType.create(mimeType(request))));
        for (DeliveryRequest.Header custom : request.customHeaders()) {
            if (isAllowedCustom(custom)) {
                post.addHeader(custom.key(), custom.value());
            }
        }
        return post;
    }

    private static String wireBody(DeliveryRequest request) {
        return switch (request.contentType()) {
            case JSON -> request.body();
            case FORM_URLENCODED -> "payload=" + URLEncoder.encode(request.body(), StandardCharsets.UTF_8);
        };
    }

    private static String mimeType(DeliveryRequest request) {
        return switch (request.contentType()) {
            case JSON -> "application/json";
            case FORM_URLENCODED -> "application/x-www-form-urlencoded";
        };
    }

    /** Skips protected names, and anything that isn't a clean header, so no value can smuggle in another. */
    private static boolean isAllowedCustom(DeliveryRequest.Header header) {
        String name = header.key();
        String value = header.value();
        return name != null && value != null && !name.isEmpty()
                && name.chars().allMatch(WebhookRequests::isTokenChar)
                && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0)
                && !PROTECTED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
