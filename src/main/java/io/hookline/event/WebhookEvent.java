package io.hookline.event;

import java.time.OffsetDateTime;

import io.hookline.delivery.DeliveryStatus;

/** One webhook fired for one subscription: the audit trail's unit. {@code payload} is the exact body sent. */
public record WebhookEvent(long id, long organizationId, Long subscriptionId, Long receiverId, String resource,
                           String action, Long transactionId, boolean test, String payload, DeliveryStatus status,
                           int attemptCount, OffsetDateTime nextAttemptAt, OffsetDateTime occurredAt,
                           OffsetDateTime createdAt, OffsetDateTime completedAt) {
}
