package io.hookline.subscription;

import java.time.OffsetDateTime;

public record WebhookSubscription(long id, long organizationId, long receiverId, String resource, String action,
                                  boolean active, Long createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                                  String etag) {
}
