package io.hookline.subscription;

import java.time.OffsetDateTime;

/** A subscription; {@code filter} is its filter in the API's shape as JSON text, or null for none. */
public record WebhookSubscription(long id, long organizationId, long receiverId, String resource, String action,
                                  boolean active, String filter, Long createdBy, OffsetDateTime createdAt,
                                  OffsetDateTime updatedAt, String etag) {
}
