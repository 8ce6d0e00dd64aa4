package io.hookline.delivery;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event this worker holds a lease on, and must send and record. */
record ClaimedEvent(long id, long organizationId, long receiverId, String body, int attemptCount, String trigger,
                    OffsetDateTime occurredAt, boolean test, UUID claimToken) {

    int nextAttemptNumber() {
        return attemptCount + 1;
    }
}
