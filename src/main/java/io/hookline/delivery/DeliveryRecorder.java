package io.hookline.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    DeliveryRecorder(JdbcClient jdbc, TransactionTemplate transaction, RetryPolicy retryPolicy, AttemptWriter attempts,
                     ReceiverHealthWriter health) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.retryPolicy = retryPolicy;
        this.attempts = attempts;
        this.health = health;
    }

    /** Records the tries; returns the event ids whose try was recorded (the claim was still held). */
    Set<Long> record(List<FinishedTry> tries, Instant now) {
        List<TryOutcome> outcomes = tries.stream().map(t -> TryOutcome.of(t, retryPolicy, now)).toList();
        return transaction.execute(tx -> {
            Set<Long> recorded = Set.copyOf(attempts.write(outcomes));
            List<FinishedTry> held = tries.stream().filter(t -> recorded.contains(t.event().id())).toList();
            ReceiverHealth.of(held).forEach((receiverId, receiver) -> health.update(receiverId, receiver, now));
            return recorded;
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
