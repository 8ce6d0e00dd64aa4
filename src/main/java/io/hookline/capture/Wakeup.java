package io.hookline.capture;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A doorbell for a worker loop: any number of rings while the worker is busy collapse into one,
 * so the worker looks for work once more and never misses a ring that came mid-batch.
 */
public final class Wakeup {

    private final Semaphore bell = new Semaphore(0);

    public void ring() {
        if (bell.availablePermits() == 0) {
            bell.release();
        }
    }

    /** Waits until rung or until {@code timeout}; returns whether it was rung. */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean rung = bell.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        bell.drainPermits();
        return rung;
    }
}
