package io.hookline.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a batch of tries says about one receiver, in the order they ended: whether any got
 * through, the failures since the last success, and whether the receiver answered 410 Gone.
 * Pure; {@link ReceiverHealthWriter} writes it.
 */
record ReceiverHealth(Instant lastSuccessAt, int failuresSinceSuccess, Instant firstFailureSinceSuccess,
                      Instant lastFailureAt, boolean gone) {

    /**
     * Each receiver's health, in receiver id order: two workers recording at once lock the
     * receivers' rows in the same order, so they wait for each other instead of deadlocking.
     */
    static SortedMap<Long, ReceiverHealth> of(List<FinishedTry> tries) {
        SortedMap<Long, List<FinishedTry>> byReceiver = new TreeMap<>();
        tries.stream().sorted(Comparator.comparing(FinishedTry::endedAt))
                .forEach(t -> byReceiver.computeIfAbsent(t.event().receiverId(), id -> new ArrayList<>()).add(t));
        SortedMap<Long, ReceiverHealth> health = new TreeMap<>();
        byReceiver.forEach((receiverId, ordered) -> health.put(receiverId, ofEnded(ordered)));
        return health;
    }

    private static ReceiverHealth ofEnded(List<FinishedTry> ordered) {
        Instant lastSuccess = null;
        Instant firstFailure = null;
        Instant lastFailure = null;
        int failures = 0;
        boolean gone = false;
        for (FinishedTry t : ordered) {
            if (t.attempt().outcome() instanceof DeliveryOutcome.Failed f) {
                failures++;
                firstFailure = firstFailure == null ? t.endedAt() : firstFailure;
                lastFailure = t.endedAt();
                gone |= f.status() != null && f.status() == 410;
            } else {
                lastSuccess = t.endedAt();
                failures = 0;
                firstFailure = null;
            }
        }
        return new ReceiverHealth(lastSuccess, failures, firstFailure, lastFailure, gone);
    }
}
