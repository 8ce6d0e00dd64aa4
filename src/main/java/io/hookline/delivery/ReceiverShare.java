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
    private final SlotContention contention = new SlotContention();
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
                    if (!leasing && contention.mayLease(System.nanoTime())) {
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
                        contention.leased(want, got.size(), slots.size());
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
            if (inUse == 0 && waiting == 0 && claimed.get() <= 1 && contention.contended(now)) {
                List<Integer> all = List.copyOf(slots);
                slots.clear();
                return all;
            }
            if (!contention.wantedElsewhere() || now - heldSinceNanos <= holdNanos) {
                return List.of();
            }
            List<Integer> giveBack = new ArrayList<>();
            int keep = Math.max(1, cap / 2);
            while (slots.size() > Math.max(inUse, keep)) {
                giveBack.add(slots.removeLast());
            }
            if (slots.size() <= keep) {
                contention.wantedElsewhere(false); // until the next renewal says so again
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
                    || !contention.wantedElsewhere() && System.nanoTime() - lastBusyNanos < idleNanos) {
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
            return slots.isEmpty() && contention.starved(System.nanoTime());
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
            contention.wantedElsewhere(wanted);
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
