package io.hookline.delivery;

/**
 * Where an event stands (docs/receiving.md, "Retries"). The same names are the API's
 * {@code WebhookEventStatus} and the values of {@code webhook_deliveries.status}.
 */
public enum DeliveryStatus {
    /** Not tried yet. */
    PENDING,
    /** Tried, failed, and due again. */
    RETRYING,
    /** The receiver answered as expected. */
    SUCCEEDED,
    /** Every try failed and no retry is left. */
    FAILED,
    /** Its receiver was deleted before it could be delivered. */
    CANCELED;

    /** Whether the engine still works on it: only these are claimed, retried on schedule or replayed as due. */
    public boolean unfinished() {
        return this == PENDING || this == RETRYING;
    }
}
