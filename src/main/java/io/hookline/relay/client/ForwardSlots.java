package io.hookline.relay.client;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events a relay client holds and forwards: at most {@code limit} forwards at once, and at most
 * {@code roundsAhead} rounds of that pulled and not yet forwarded, so that no event waits here long
 * enough for its lease to run out. The limit follows what Hookline says with each poll.
 */
final class ForwardSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int roundsAhead;
    private int limit;
    private int forwarding;
    private int inHand;

    ForwardSlots(int limit, int roundsAhead) {
        this.limit = limit;
        this.roundsAhead = roundsAhead;
    }

    /** Waits until there is room for more events; returns how many may be pulled. */
    int room() throws InterruptedException {
        lock.lock();
        try {
            while (limit * roundsAhead - inHand <= 0) {
                changed.await();
            }
            return limit * roundsAhead - inHand;
        } finally {
            lock.unlock();
        }
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

    void limitTo(int newLimit) {
        lock.lock();
        try {
            limit = newLimit;
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

    /** One pulled event is done with: forwarded ({@code started}) or dropped before it was. */
    void done(boolean started) {
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
