package io.hookline.receiver;

import java.time.OffsetDateTime;

import io.hookline.delivery.DeliveryRequest.ContentType;

/**
 * A receiver as the API shows it: secrets already decrypted for its organization's eyes. A relay
 * receiver has no {@code webhookUri}: a relay client pulls its events (docs/relay.md).
 */
public record WebhookReceiver(long id, long organizationId, String name, String description, String webhookUri,
                              String sharedSecret, ContentType contentType, int expectedResponseCode,
                              boolean active, Health health, Long createdBy, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt, String etag, boolean relay,
                              DeliveryControls controls) {

    /** How deliveries to this receiver have been going, and why it was switched off if it was. */
    public record Health(int consecutiveFailures, OffsetDateTime failingSince, OffsetDateTime lastSuccessAt,
                         OffsetDateTime lastFailureAt, String disabledReason) {
    }
}
