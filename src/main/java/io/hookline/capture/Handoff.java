package io.hookline.capture;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The delivery worker of this process, as the fan-out sees it: new events it can send are claimed
 * for it by the very statement that creates them, and handed over here, with no claim round-trip.
 */
public interface Handoff {

    /** What the fan-out may claim for this process now, or null for nothing. */
    Offer offer(Instant now);

    /** The events claimed under an offer's token. */
    void take(Offer offer, List<Claimed> claimed);

    /** The statement of an offer failed without an answer: it may have claimed events under the token. */
    void lost(Offer offer);

    /**
     * @param room        the most events to claim in all
     * @param perReceiver the most to claim of any one receiver
     * @param saturated   receivers to claim none of
     */
    record Offer(UUID token, Instant leaseUntil, int room, int perReceiver, Long[] saturated) {
    }

    record Claimed(long eventId, long organizationId, long receiverId, String body, OffsetDateTime occurredAt) {
    }
}
