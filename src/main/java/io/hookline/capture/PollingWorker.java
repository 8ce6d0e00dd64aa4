package io.hookline.capture;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of work again and again on its own thread: at once while a step reports that more
 * work is waiting, otherwise after a ring of its {@link Wakeup} or after the poll interval. A failing
 * step (the database away, say) is logged and retried after a pause, never fatal.
 */
public final class PollingWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(4);

    private final String name;
    private final Wakeup wakeup;
    private final Duration pollInterval;
    private final Callable<Boolean> step;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param step returns true when it should run again right away */
    public PollingWorker(String name, Wakeup wakeup, Duration pollInterval, Callable<Boolean> step) {
        this.name = name;
        this.wakeup = wakeup;
        this.pollInterval = pollInterval;
        this.step = step;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        Duration pause = pollInterval;
        while (running) {
            try {
                while (running && step.call()) {
                    // more work is waiting
                }
                pause = pollInterval;
                wakeup.await(pollInterval);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("{} failed; trying again in {}: {}", name, pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                // Short enough that work resumes within seconds of the database coming back.
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
