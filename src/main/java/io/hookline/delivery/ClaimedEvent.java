package io.hookline.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An event this worker holds a lease on, and must send and record. {@code inReceiverOrder}: its
 * receiver takes every event in order ({@code ALL}), so the events of one claim go one after the other.
 */
record ClaimedEvent(long id, long organizationId, long receiverId, String body, int attemptCount, String trigger,
                    OffsetDateTime occurredAt, boolean test, UUID claimToken, boolean inReceiverOrder) {

    /** The order key of an event under {@code ALL} (docs/delivery-controls.md). */
    static final String WHOLE_RECEIVER = "*";

    int nextAttemptNumber() {
        return attemptCount + 1;
    }

    /**
     * Reads a claimed row: {@code id, organization_id, receiver_id, body, attempt_count, next_trigger,
     * occurred_at, test, row_key}, claimed under {@code token}.
     */
    static ClaimedEvent read(ResultSet rs, UUID token) throws SQLException {
        return new ClaimedEvent(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("receiver_id"),
                rs.getString("body"), rs.getInt("attempt_count"), rs.getString("next_trigger"),
                rs.getObject("occurred_at", OffsetDateTime.class), rs.getBoolean("test"), token,
                WHOLE_RECEIVER.equals(rs.getString("row_key")));
    }
}
