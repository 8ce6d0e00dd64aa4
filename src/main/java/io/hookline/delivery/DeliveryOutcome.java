package io.hookline.delivery;

import java.time.Duration;

/**
 * What one try to deliver an event came to. Response details are kept for the audit trail,
 * already capped to the configured size.
 */
public sealed interface DeliveryOutcome {

    /** The receiver answered exactly its expected response code. */
    record Delivered(int status, String responseHeaders, String responseBody) implements DeliveryOutcome {
    }

    /**
     * Anything else. {@code status} is null when no response arrived; {@code retryAfter} is the
     * receiver's own {@code Retry-After} (429/503 only), null when absent or unparseable.
     */
    record Failed(Integer status, ErrorKind kind, String error, Duration retryAfter,
                  String responseHeaders, String responseBody) implements DeliveryOutcome {
    }

    /** Why a try failed, as shown in the audit trail. */
    enum ErrorKind {
        TIMEOUT, CONNECTION_REFUSED, CONNECTION_RESET, DNS, TLS, BLOCKED_BY_EGRESS_POLICY, BAD_RESPONSE, OTHER
    }
}
