package io.hookline.relay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.hookline.capture.ChangeNotifications;
import io.hookline.capture.Wakeup;
import io.hookline.config.HooklineProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes every waiting poll when the fan-out has created events (its NOTIFY), so a relayed event
 * leaves as soon as it exists. Only a shortcut: a waiting poll also looks again every second, which
 * covers retries coming due, leases running out and a lost notification connection.
 */
@Component
class NewEventSignal implements SmartLifecycle {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private final DataSource dataSource;
    private final boolean servesApi;
    private long generation;
    private ChangeNotifications notifications;
    private Thread bridge;

    NewEventSignal(DataSource dataSource, HooklineProperties hookline) {
        this.dataSource = dataSource;
        this.servesApi = hookline.servesApi();
    }

    /** The current generation: pass it to {@link #awaitAfter} to miss no ring that comes in between. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    void ring() {
        lock.lock();
        try {
            generation++;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a ring after {@code seen}, or {@code timeout}. */
    void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = rung.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (!servesApi || notifications != null) {
            return;
        }
        Wakeup wakeup = new Wakeup();
        notifications = new ChangeNotifications(dataSource, Map.of(ChangeNotifications.EVENTS, wakeup));
        bridge = Thread.ofPlatform().daemon().name("hookline-relay-signal").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (wakeup.await(Duration.ofSeconds(5))) {
                        ring();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        notifications.start();
    }

    @Override
    public synchronized void stop() {
        if (notifications != null) {
            notifications.close();
            bridge.interrupt();
            notifications = null;
        }
        ring(); // waiting polls answer now instead of holding the shutdown
    }

    @Override
    public synchronized boolean isRunning() {
        return notifications != null;
    }
}
