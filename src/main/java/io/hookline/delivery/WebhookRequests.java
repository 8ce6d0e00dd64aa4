package io.hookline.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.hookline.receiver.HeaderRules;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
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
        byte[] body = request.contentType().wireBody(request.body()).getBytes(StandardCharsets.UTF_8);
        var signature = WebhookSigner.sign(request.eventId(), startedAt.getEpochSecond(), body, request.secrets());
        HttpPost post = new HttpPost(uri);
        post.setHeader("user-agent", userAgent);
        signature.asList().forEach(h -> post.setHeader(h.key(), h.value()));
        post.setEntity(new ByteArrayEntity(body, ContentType.create(request.contentType().mimeType())));
        for (DeliveryRequest.Header custom : request.customHeaders()) {
            if (isAllowedCustom(custom)) {
                post.addHeader(custom.key(), custom.value());
            }
        }
        return post;
    }

    /** The headers Hookline sets on {@code post}, in the order sent, {@code content-type} among them. */
    static List<DeliveryRequest.Header> headers(HttpPost post) {
        List<DeliveryRequest.Header> headers = new ArrayList<>();
        for (Header header : post.getHeaders()) {
            headers.add(new DeliveryRequest.Header(header.getName(), header.getValue()));
        }
        headers.add(1, new DeliveryRequest.Header("content-type", post.getEntity().getContentType()));
        return headers;
    }

    /** The same rule as at save: reserved names, and anything that isn't a clean header, are not sent. */
    private static boolean isAllowedCustom(DeliveryRequest.Header header) {
        return HeaderRules.allowedAtSend(header.key(), header.value());
    }
}
