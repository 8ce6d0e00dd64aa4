package io.hookline.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.hookline.receiver.HeaderRules;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** Builds the request a receiver gets (docs/receiving.md): the body as sent, signed, with its headers. */
final class WebhookRequests {

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

    /** The same rule as at save: reserved names, and anything that isn't a clean header, are not sent. */
    private static boolean isAllowedCustom(DeliveryRequest.Header header) {
        return HeaderRules.allowedAtSend(header.key(), header.value());
    }
}
