package io.hookline.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's share of one receiver (docs/delivery-controls.md): it sends only within the send
 * slots it leases from the database, so the receiver's {@code maxConcurrency} holds across
 * processes, and only with tokens taken from its bucket when it is rate capped. A send that finds
 * no free slot leases more itself, or waits for a send here to finish or for another process to
 * give slots back.
 */
final class ReceiverShare {

    /** How long a send waits before asking the database again when no slot or token was free. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long receiverId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Integer> slots = new ArrayList<>();
    private final AtomicInteger claimed = new AtomicInteger();
    private int inUse;
    private int waiting;
    private boolean leasing;
    private long heldSinceNanos;
    private boolean wantedElsewhere;
    private int tokens;
    private boolean takingTokens;

    /** Leases slots and tokens from the database for this share. */
    interface Leaser {
        List<Integer> acquire(long receiverId, int want);

        int takeTokens(long receiverId, int want);
    }

    ReceiverShare(long receiverId) {
        this.receiverId = receiverId;
    }

    long receiverId() {
        return receiverId;
    }

    AtomicInteger claimed() {
        return claimed;
    }

    /** Waits for a slot of this share, leasing more when all held are busy; {@code cap} is the receiver's. */
    void acquireSlot(Leaser leaser, int cap) throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            try {
                while (inUse >= slots.size()) {
                    if (!leasing) {
                        leasing = true;
                        int want = Math.min(cap, inUse + waiting) - slots.size();
                        List<Integer> got = List.of();
                        lock.unlock();
                        try {
                            got = want > 0 ? leaser.acquire(receiverId, want) : List.of();
                        } finally {
                            lock.lock();
                            leasing = false;
                        }
                        if (!got.isEmpty()) {
                            if (slots.isEmpty()) {
                                heldSinceNanos = System.nanoTime();
                            }
                            slots.addAll(got);
                            changed.signalAll();
                            continue;
                        }
                    }
                    changed.awaitNanos(RETRY_NANOS);
                }
                inUse++;
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a send. Returns a slot to give back to the database when another process wants a share
     * and this one has held its slots longer than {@code holdNanos}, so that a sustained load is shared.
     */
    List<Integer> releaseSlot(long holdNanos) {
        lock.lock();
        try {
            inUse--;
            changed.signalAll();
            if (wantedElsewhere && System.nanoTime() - heldSinceNanos > holdNanos && slots.size() > inUse) {
                wantedElsewhere = false;
                heldSinceNanos = System.nanoTime();
                return List.of(slots.removeLast());
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** All slots, taken out of the share, once it has nothing claimed, waiting or in flight here. */
    List<Integer> idleSlots() {
        lock.lock();
        try {
            if (claimed.get() > 0 || waiting > 0 || inUse > 0 || slots.isEmpty()) {
                return List.of();
            }
            List<Integer> idle = List.copyOf(slots);
            slots.clear();
            return idle;
        } finally {
            lock.unlock();
        }
    }

    List<Integer> slots() {
        lock.lock();
        try {
            return List.copyOf(slots);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a renewal of {@code renewing} found: those not in {@code stillHeld} were lost (a lowered
     * cap, or a lease that ran out while the database was away); slots leased since stay.
     */
    void renewed(List<Integer> renewing, List<Integer> stillHeld, boolean wanted) {
        lock.lock();
        try {
            slots.removeIf(s -> renewing.contains(s) && !stillHeld.contains(s));
            wantedElsewhere = wanted;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for one request's token of the receiver's rate, taking about 100 ms worth at a time. */
    void takeToken(Leaser leaser, double rate) throws InterruptedException {
        lock.lock();
        try {
            while (tokens == 0) {
                if (takingTokens) {
                    changed.awaitNanos(RETRY_NANOS);
                    continue;
                }
                takingTokens = true;
                int got = 0;
                lock.unlock();
                try {
                    got = leaser.takeTokens(receiverId, chunk(rate));
                    if (got == 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.clamp((long) (1e9 / rate), 5_000_000L, 100_000_000L));
                    }
                } finally {
                    lock.lock();
                    takingTokens = false;
                }
                tokens += got;
                changed.signalAll();
            }
            tokens--;
        } finally {
            lock.unlock();
        }
    }

    /** Tokens taken at once, and the bucket's burst: about 100 ms of the rate, at least one. */
    static int chunk(double rate) {
        return (int) Math.max(1, Math.floor(rate / 10));
    }
}
