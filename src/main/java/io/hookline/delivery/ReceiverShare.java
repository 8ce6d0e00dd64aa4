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
 * processes, and only with tokens taken from its bucket when it is rate capped ({@link RateShare}). Slots are leased
 * for the whole burst at once and kept while the receiver has work here, so a steady stream costs
 * no lease statement per send; they go back once the receiver has been idle here for a while, or,
 * when another process asks for some, down to half of the cap. A receiver whose slots are all held
 * elsewhere is starved: this process claims none of its events until the others give some back.
 */
final class ReceiverShare {

    /** How long a send waits before looking again for a slot or token of its own. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long after finding every slot held elsewhere before asking the database again: the others
     * give slots back after their hold time (seconds), so asking every few milliseconds would only
     * cost statements (thousands over one backlog).
     */
    static final long STARVED_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** How long a starved receiver is left out of this process's claims before it asks again. */
    private static final long STARVED_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long after finding slots held elsewhere a process gives its own back as soon as it is idle. */
    private static final long CONTENDED_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long receiverId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Integer> slots = new ArrayList<>();
    private final AtomicInteger claimed = new AtomicInteger();
    private int inUse;
    private int waiting;
    private boolean leasing;
    private int cap = 1;
    private long heldSinceNanos;
    private long lastBusyNanos;
    private long starvedUntilNanos;
    private long nextLeaseNanos;
    /** Until when other processes are known to hold some of the receiver's slots. */
    private long contendedUntilNanos;
    private boolean wantedElsewhere;
    private final RateShare rate;

    /** Leases slots from the database for this share. */
    interface Leaser {
        List<Integer> acquire(long receiverId, int want);
    }

    ReceiverShare(long receiverId) {
        this.receiverId = receiverId;
        this.rate = new RateShare(receiverId);
    }

    long receiverId() {
        return receiverId;
    }

    AtomicInteger claimed() {
        return claimed;
    }

    /**
     * Waits for a slot of this share, leasing more when all held are busy: as many as the events
     * claimed here for the receiver, within {@code cap}, the receiver's.
     */
    void acquireSlot(Leaser leaser, int cap) throws InterruptedException {
        lock.lock();
        try {
            this.cap = cap;
            lastBusyNanos = System.nanoTime();
            waiting++;
            try {
                while (inUse >= slots.size()) {
                    if (!leasing && System.nanoTime() - nextLeaseNanos >= 0) {
                        leasing = true;
                        int want = Math.min(cap, Math.max(inUse + waiting, claimed.get())) - slots.size();
                        List<Integer> got = List.of();
                        lock.unlock();
                        try {
                            got = want > 0 ? leaser.acquire(receiverId, want) : List.of();
                        } finally {
                            lock.lock();
                            leasing = false;
                        }
                        if (got.size() < want) {
                            contendedUntilNanos = System.nanoTime() + CONTENDED_NANOS;
                        }
                        if (!got.isEmpty()) {
                            if (slots.isEmpty()) {
                                heldSinceNanos = System.nanoTime();
                            }
                            slots.addAll(got);
                            starvedUntilNanos = 0;
                            changed.signalAll();
                            continue;
                        }
                        if (want > 0) {
                            nextLeaseNanos = System.nanoTime() + STARVED_RETRY_NANOS;
                            if (slots.isEmpty()) {
                                starvedUntilNanos = System.nanoTime() + STARVED_NANOS;
                            }
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
     * Ends a send. Returns the slots to give back to the database: all of them when this was the last
     * event claimed here for a receiver whose slots other processes hold too (so that they do not sit
     * idle here while the others wait); otherwise, when another process wants a share and this one
     * has held its slots longer than {@code holdNanos}, the free ones above half of the cap, so that
     * a sustained load is shared.
     */
    List<Integer> releaseSlot(long holdNanos) {
        lock.lock();
        try {
            inUse--;
            long now = System.nanoTime();
            lastBusyNanos = now;
            changed.signalAll();
            // claimed() still counts the send that ends here.
            if (inUse == 0 && waiting == 0 && claimed.get() <= 1 && now - contendedUntilNanos < 0) {
                List<Integer> all = List.copyOf(slots);
                slots.clear();
                return all;
            }
            if (!wantedElsewhere || now - heldSinceNanos <= holdNanos) {
                return List.of();
            }
            List<Integer> giveBack = new ArrayList<>();
            int keep = Math.max(1, cap / 2);
            while (slots.size() > Math.max(inUse, keep)) {
                giveBack.add(slots.removeLast());
            }
            if (slots.size() <= keep) {
                wantedElsewhere = false; // until the next renewal says so again
                heldSinceNanos = now;
            }
            return giveBack;
        } finally {
            lock.unlock();
        }
    }

    /**
     * All slots, taken out of the share, once it has nothing claimed, waiting or in flight here and
     * has been idle for {@code idleNanos}, or at once when another process wants some.
     */
    List<Integer> idleSlots(long idleNanos) {
        lock.lock();
        try {
            if (claimed.get() > 0 || waiting > 0 || inUse > 0 || slots.isEmpty()
                    || !wantedElsewhere && System.nanoTime() - lastBusyNanos < idleNanos) {
                return List.of();
            }
            List<Integer> idle = List.copyOf(slots);
            slots.clear();
            return idle;
        } finally {
            lock.unlock();
        }
    }

    /** Whether every slot of the receiver was held elsewhere when this process last asked for one. */
    boolean starved() {
        lock.lock();
        try {
            return slots.isEmpty() && starvedUntilNanos != 0 && System.nanoTime() - starvedUntilNanos < 0;
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

    /** This process's tokens of the receiver's rate, when it is rate capped. */
    RateShare rate() {
        return rate;
    }
}
