package io.hookline.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything needed to send one event once.
 *
 * @param eventId              the event's id; the {@code webhook-id} header is {@code evt_{eventId}}
 * @param webhookUri           where to POST
 * @param body                 the event's stored JSON text, exactly as fixed at creation
 * @param contentType          JSON sends the body as is; FORM_URLENCODED sends {@code payload=<url-encoded body>}
 * @param secrets              the receiver's valid shared secrets, current first, then a rotated one still in overlap
 * @param customHeaders        the receiver's own headers, decrypted; they never replace the signed ones
 * @param expectedResponseCode the only status that counts as delivered
 */
public record DeliveryRequest(long eventId, String webhookUri, String body, ContentType contentType,
                              List<String> secrets, List<Header> customHeaders, int expectedResponseCode) {

    /** How the event's stored JSON goes on the wire: the one place that says which bytes are sent and signed. */
    public enum ContentType {
        JSON("application/json"),
        FORM_URLENCODED("application/x-www-form-urlencoded");

        private final String mimeType;

        ContentType(String mimeType) {
            this.mimeType = mimeType;
        }

        /** The {@code content-type} header's value. */
        public String mimeType() {
            return mimeType;
        }

        /** The exact body sent for the event's stored JSON {@code body}. */
        public String wireBody(String body) {
            return switch (this) {
                case JSON -> body;
                case FORM_URLENCODED -> "payload=" + URLEncoder.encode(body, StandardCharsets.UTF_8);
            };
        }

        /** The content type a {@code content-type} header value names, if it is one Hookline sends. */
        public static Optional<ContentType> ofMimeType(String value) {
            return Arrays.stream(values()).filter(c -> c.mimeType.equalsIgnoreCase(value.strip())).findFirst();
        }
    }

    public record Header(String key, String value) {
    }
}
