package io.hookline.relay.client;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events a relay client holds and forwards: at most {@code limit} forwards at once, and as many
 * rounds of that pulled ahead as can be forwarded within half a lease at the pace forwards take
 * (one round until the first forward has ended, at most {@code maxRounds}), so that no event waits
 * here until its lease runs out. Limit and lease follow what Hookline says with each poll.
 */
final class ForwardSlots {

    /** Weight of the latest forward in the running average of forward times. */
    private static final double WEIGHT = 0.2;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int maxRounds;
    private long halfLeaseNanos;
    private int limit;
    private int forwarding;
    private int inHand;
    /** Room promised to polls on their way: their events count once they are here. */
    private int reserved;
    private double averageForwardNanos;

    ForwardSlots(int limit, int maxRounds, Duration lease) {
        this.limit = limit;
        this.maxRounds = maxRounds;
        this.halfLeaseNanos = lease.toNanos() / 2;
    }

    /** Waits until there is room for more events; returns how many may be pulled. */
    int room() throws InterruptedException {
        lock.lock();
        try {
            while (free() <= 0) {
                changed.await();
            }
            return free();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until there is room and reserves it for one poll of {@code pollsAtOnce}: at most that
     * share of all the room, so that another poll can wait at Hookline meanwhile. Returns how many
     * events the poll may ask for; {@link #release} ends the reservation.
     */
    int reserve(int pollsAtOnce) throws InterruptedException {
        lock.lock();
        try {
            while (free() <= 0) {
                changed.await();
            }
            int share = Math.max(1, Math.ceilDiv(limit * rounds(), pollsAtOnce));
            int taken = Math.min(free(), share);
            reserved += taken;
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** A poll's reservation of {@code count} ends: what it pulled is in hand by now ({@link #pulled}). */
    void release(int count) {
        lock.lock();
        try {
            reserved -= count;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int free() {
        return limit * rounds() - inHand - reserved;
    }

    private int rounds() {
        if (averageForwardNanos == 0) {
            return 1;
        }
        return (int) Math.clamp((long) (halfLeaseNanos / averageForwardNanos), 1, maxRounds);
    }

    /** {@code count} events were pulled. */
    void pulled(int count) {
        lock.lock();
        try {
            inHand += count;
        } finally {
            lock.unlock();
        }
    }

    /** What Hookline said with its last poll: this client's forwards at once, and the lease. */
    void follow(int newLimit, Duration lease) {
        lock.lock();
        try {
            limit = newLimit;
            halfLeaseNanos = lease.toNanos() / 2;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a forward of one pulled event to start. */
    void startForward() {
        lock.lock();
        try {
            while (forwarding >= limit) {
                changed.awaitUninterruptibly();
            }
            forwarding++;
        } finally {
            lock.unlock();
        }
    }

    /** One pulled event was forwarded, which took {@code took}. */
    void forwarded(Duration took) {
        lock.lock();
        try {
            double nanos = Math.max(1, took.toNanos());
            averageForwardNanos = averageForwardNanos == 0 ? nanos : WEIGHT * nanos + (1 - WEIGHT) * averageForwardNanos;
            forwarding--;
            inHand--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One pulled event is dropped unforwarded, after {@link #startForward} ({@code started}) or before. */
    void dropped(boolean started) {
        lock.lock();
        try {
            if (started) {
                forwarding--;
            }
            inHand--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
