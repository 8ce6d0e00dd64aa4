package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished tries wait here and are recorded in batches by one thread: a send frees its slot as
 * soon as the receiver has answered, and a thousand answers cost a handful of transactions
 * instead of a thousand. If recording fails, the events keep their claim until the lease ends and
 * are sent again: delivery is at least once, never lost.
 */
final class RecordingQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingQueue.class);
    static final int MAX_BATCH = 500;

    private final BlockingQueue<DeliveryRecorder.Finished> queue = new LinkedBlockingQueue<>();
    private final DeliveryRecorder recorder;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    RecordingQueue(DeliveryRecorder recorder, DeliveryMetrics metrics, Clock clock) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("hookline-recorder").start(this::loop);
    }

    void add(DeliveryRecorder.Finished finished) {
        queue.add(finished);
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                DeliveryRecorder.Finished first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<DeliveryRecorder.Finished> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, MAX_BATCH - 1);
                    recordBatch(batch);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    drainRemaining();
                    return;
                }
            }
        }
    }

    private void recordBatch(List<DeliveryRecorder.Finished> batch) {
        Instant now = clock.instant();
        try {
            Set<Long> recorded = recorder.record(batch, now);
            for (DeliveryRecorder.Finished finished : batch) {
                if (recorded.contains(finished.event().id())) {
                    metrics.attempted(finished.attempt(), finished.event(), now);
                } else {
                    log.info("Event {} was claimed by another worker or canceled while it was being sent; "
                            + "its outcome is not recorded here", finished.event().id());
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not record {} tries; their events are sent again when their lease ends", batch.size(), e);
        }
    }

    private void drainRemaining() {
        List<DeliveryRecorder.Finished> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += MAX_BATCH) {
            recordBatch(rest.subList(from, Math.min(rest.size(), from + MAX_BATCH)));
        }
    }

    /** Records what is still queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
