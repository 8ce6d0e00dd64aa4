package io.hookline.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An event this worker holds a lease on, and must send and record. */
record ClaimedEvent(long id, long organizationId, long receiverId, String body, int attemptCount, String trigger,
                    OffsetDateTime occurredAt, boolean test, UUID claimToken) {

    int nextAttemptNumber() {
        return attemptCount + 1;
    }

    /**
     * Reads a claimed row: {@code id, organization_id, receiver_id, body, attempt_count, next_trigger,
     * occurred_at, test}, claimed under {@code token}.
     */
    static ClaimedEvent read(ResultSet rs, UUID token) throws SQLException {
        return new ClaimedEvent(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("receiver_id"),
                rs.getString("body"), rs.getInt("attempt_count"), rs.getString("next_trigger"),
                rs.getObject("occurred_at", OffsetDateTime.class), rs.getBoolean("test"), token);
    }
}
