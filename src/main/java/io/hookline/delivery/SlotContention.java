package io.hookline.delivery;

import java.util.concurrent.TimeUnit;

/**
 * What one {@link ReceiverShare} has learnt of the other processes that hold its receiver's slots
 * (docs/delivery-controls.md): whether it may ask the database for more yet, whether it is starved
 * (every slot held elsewhere), whether its slots are contended, and whether another process wants
 * some. Not thread-safe: its share's lock guards it.
 */
final class SlotContention {

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

    private long starvedUntilNanos;
    private long nextLeaseNanos;
    /** Until when other processes are known to hold some of the receiver's slots. */
    private long contendedUntilNanos;
    private boolean wantedElsewhere;

    boolean mayLease(long nowNanos) {
        return nowNanos - nextLeaseNanos >= 0;
    }

    /** A lease asked for {@code want} slots and got {@code got}, when the share held {@code held}. */
    void leased(int want, int got, int held) {
        long now = System.nanoTime();
        if (got < want) {
            contendedUntilNanos = now + CONTENDED_NANOS;
        }
        if (got > 0) {
            starvedUntilNanos = 0;
        } else if (want > 0) {
            nextLeaseNanos = now + STARVED_RETRY_NANOS;
            if (held == 0) {
                starvedUntilNanos = now + STARVED_NANOS;
            }
        }
    }

    /** Whether the last lease found every slot held elsewhere, not long ago. */
    boolean starved(long nowNanos) {
        return starvedUntilNanos != 0 && nowNanos - starvedUntilNanos < 0;
    }

    boolean contended(long nowNanos) {
        return nowNanos - contendedUntilNanos < 0;
    }

    boolean wantedElsewhere() {
        return wantedElsewhere;
    }

    void wantedElsewhere(boolean wanted) {
        wantedElsewhere = wanted;
    }
}
