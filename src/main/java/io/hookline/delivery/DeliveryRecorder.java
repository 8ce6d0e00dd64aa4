package io.hookline.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.hookline.capture.Handoff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records finished tries, many at once, in one transaction: the attempt rows, the events' new
 * states and the receivers' health. Only tries whose event this worker still holds the claim of
 * are recorded: if the lease ran out and another worker took the event, or the receiver was
 * deleted, the other holder owns it now.
 */
@Repository
class DeliveryRecorder {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RetryPolicy retryPolicy;
    private final AttemptWriter attempts;
    private final ReceiverHealthWriter health;
    private final OrderedSuccessors successors;

    DeliveryRecorder(JdbcClient jdbc, TransactionTemplate transaction, RetryPolicy retryPolicy, AttemptWriter attempts,
                     ReceiverHealthWriter health, OrderedSuccessors successors) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.retryPolicy = retryPolicy;
        this.attempts = attempts;
        this.health = health;
        this.successors = successors;
    }

    /** The event ids whose try was recorded, and the ordered successors claimed under the offer. */
    record Recorded(Set<Long> ids, List<ClaimedEvent> next) {
    }

    /** Records the tries; returns the event ids whose try was recorded (the claim was still held). */
    Set<Long> record(List<FinishedTry> tries, Instant now) {
        return record(tries, now, null, new Long[0]).ids();
    }

    /**
     * Records the tries and, when there is an {@code offer}, claims under it the next event of every
     * ordered row whose event they finished, none of those {@code held} here already.
     */
    Recorded record(List<FinishedTry> tries, Instant now, Handoff.Offer offer, Long[] held) {
        List<TryOutcome> outcomes = tries.stream().map(t -> TryOutcome.of(t, retryPolicy, now)).toList();
        return transaction.execute(tx -> {
            Set<Long> recorded = Set.copyOf(attempts.write(outcomes));
            List<FinishedTry> kept = tries.stream().filter(t -> recorded.contains(t.event().id())).toList();
            ReceiverHealth.of(kept).forEach((receiverId, receiver) -> health.update(receiverId, receiver, now));
            if (offer == null) {
                return new Recorded(recorded, List.of());
            }
            List<Long> finished = outcomes.stream()
                    .filter(o -> !o.status().unfinished() && recorded.contains(o.finished().event().id()))
                    .map(o -> o.finished().event().id()).toList();
            return new Recorded(recorded, successors.claim(finished, offer, held, now));
        });
    }

    /** Whether the database answers at all: tells a database that is away from a batch it refused. */
    boolean reachable() {
        try {
            return jdbc.sql("select true").query(Boolean.class).single();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
