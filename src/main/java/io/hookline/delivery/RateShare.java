package io.hookline.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's tokens of one rate-capped receiver (docs/delivery-controls.md): a send takes one
 * token; when none is left, one thread takes about 100 ms worth from the receiver's bucket in the
 * database, shared by every process, while the others wait for it.
 */
final class RateShare {

    /** How long a send waits before looking again while another thread takes tokens. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long receiverId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int tokens;
    private boolean taking;

    /** Takes whole tokens from the receiver's bucket in the database. */
    interface Bucket {
        int takeTokens(long receiverId, int want);
    }

    RateShare(long receiverId) {
        this.receiverId = receiverId;
    }

    /** Waits for one request's token of the receiver's rate, taking about 100 ms worth at a time. */
    void take(Bucket bucket, double rate) throws InterruptedException {
        lock.lock();
        try {
            while (tokens == 0) {
                if (taking) {
                    changed.awaitNanos(RETRY_NANOS);
                    continue;
                }
                taking = true;
                int got = 0;
                lock.unlock();
                try {
                    got = bucket.takeTokens(receiverId, chunk(rate));
                    if (got == 0) {
                        TimeUnit.NANOSECONDS.sleep(Math.clamp((long) (1e9 / rate), 5_000_000L, 100_000_000L));
                    }
                } finally {
                    lock.lock();
                    taking = false;
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
