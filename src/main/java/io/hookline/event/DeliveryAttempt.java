package io.hookline.event;

import java.time.OffsetDateTime;

/** One try to deliver an event, as recorded. */
public record DeliveryAttempt(long id, long eventId, int number, String trigger, OffsetDateTime startedAt,
                              int durationMs, Integer responseStatus, String responseHeaders, String responseBody,
                              String errorKind, String error) {
}
