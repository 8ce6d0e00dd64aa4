package io.hookline.delivery;

import java.util.List;

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

    public enum ContentType { JSON, FORM_URLENCODED }

    public record Header(String key, String value) {
    }
}
