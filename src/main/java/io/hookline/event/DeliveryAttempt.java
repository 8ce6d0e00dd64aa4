package io.hookline.event;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.hookline.delivery.DeliveryRequest.ContentType;

/**
 * One try to deliver an event, as recorded. {@code requestUrl} and {@code requestHeaders} are the
 * request as sent (docs/receiving.md); {@code eventBody} is the event's stored body, carried along
 * so the try's exact request body can be told without storing it once per try.
 */
public record DeliveryAttempt(long eventId, int number, String trigger, OffsetDateTime startedAt,
                              int durationMs, Integer responseStatus, String responseHeaders, String responseBody,
                              String errorKind, String error, String requestUrl, String requestHeaders,
                              String eventBody) {

    DeliveryAttempt withEventBody(String body) {
        return new DeliveryAttempt(eventId, number, trigger, startedAt, durationMs, responseStatus, responseHeaders,
                responseBody, errorKind, error, requestUrl, requestHeaders, body);
    }

    /**
     * The body this try sent, byte for byte what was signed: the event's body in the form the try's
     * {@code content-type} names. Null when the headers were not kept (tries recorded before they were).
     */
    public String requestBody() {
        if (eventBody == null) {
            return null;
        }
        return contentTypeSent().map(type -> type.wireBody(eventBody)).orElse(null);
    }

    private Optional<ContentType> contentTypeSent() {
        if (requestHeaders == null) {
            return Optional.empty();
        }
        for (String line : requestHeaders.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("content-type")) {
                return ContentType.ofMimeType(line.substring(colon + 1));
            }
        }
        return Optional.empty();
    }
}
