package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process's claims alive with a short lease: every claim held for a third of the lease
 * is pushed one lease ahead, so a slow send keeps its event while a dead process's events come back
 * within one lease. Also gives back, within seconds, what a claim whose answer was lost took.
 */
final class ClaimHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimHeartbeat.class);

    private final DueEventClaimer claimer;
    private final HeldClaims held;
    private final Duration lease;
    private final Clock clock;
    private final Duration tick;
    private final Queue<LostClaim> lost = new ConcurrentLinkedQueue<>();
    private final Runnable alsoEachBeat;
    private final Thread thread;
    private volatile boolean running = true;

    private record LostClaim(UUID token, Instant giveUpAt) {
    }

    /** {@code alsoEachBeat} keeps other leases of this process alive on the same beat (send slots). */
    ClaimHeartbeat(DueEventClaimer claimer, HeldClaims held, Duration lease, Clock clock, Runnable alsoEachBeat) {
        this.alsoEachBeat = alsoEachBeat;
        this.claimer = claimer;
        this.held = held;
        this.lease = lease;
        this.clock = clock;
        this.tick = Duration.ofMillis(Math.clamp(lease.toMillis() / 6, 50, 1000));
        this.thread = Thread.ofPlatform().daemon().name("hookline-claim-heartbeat").unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** A claim statement failed without an answer: it may have claimed events under this token. */
    void claimLost(UUID token) {
        lost.add(new LostClaim(token, clock.instant().plus(lease)));
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(tick);
                beat();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Could not renew claims ({}); trying again in {}", e.getMessage(), tick);
            }
        }
    }

    void beat() {
        Instant now = clock.instant();
        var due = held.renewedBefore(now.minus(lease.dividedBy(3)));
        if (!due.isEmpty()) {
            claimer.renew(due, now.plus(lease));
            held.renewed(due, now);
        }
        for (LostClaim claim = lost.peek(); claim != null; claim = lost.peek()) {
            if (claim.giveUpAt().isAfter(now)) {
                int released = claimer.releaseToken(claim.token());
                if (released > 0) {
                    log.info("Gave back {} events of a claim whose answer was lost", released);
                }
            }
            lost.remove(claim);
        }
        alsoEachBeat.run();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
