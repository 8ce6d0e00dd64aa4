package io.hookline.delivery;

import java.time.Instant;

/** A try that has ended and waits to be recorded, with the claim it was made under. */
record FinishedTry(ClaimedEvent event, Attempt attempt) {

    Instant endedAt() {
        return attempt.startedAt().plus(attempt.duration());
    }
}
