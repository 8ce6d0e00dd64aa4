package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.hookline.capture.Handoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished tries wait here and are recorded in batches by one thread: a send frees its slot as
 * soon as the receiver has answered, and a thousand answers cost a handful of transactions
 * instead of a thousand. If recording fails (the database away), the tries wait and are recorded
 * once it is back, their claims still held here so that nobody sends them again meanwhile; only
 * after {@link #MAX_WAIT} are they given up, and then sent again: at least once, never lost.
 */
final class RecordingQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingQueue.class);
    static final int MAX_BATCH = 500;
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** How long a stop waits for the database to record what is left. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<FinishedTry> queue = new LinkedBlockingQueue<>();
    private final DeliveryRecorder recorder;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Runnable recordedBatch;
    private final HeldClaims held = new HeldClaims();
    private final Thread thread;
    private final List<FinishedTry> unrecorded = new ArrayList<>();
    private volatile NextEvents next;
    private volatile boolean running = true;
    private volatile Instant stopDeadline = Instant.MAX;

    /**
     * {@code recordedBatch} runs after each recorded batch: an ordered receiver's next event becomes
     * claimable only once the previous one's outcome is committed, and recorded tries make room in
     * this process's claims.
     */
    RecordingQueue(DeliveryRecorder recorder, DeliveryMetrics metrics, Clock clock, Runnable recordedBatch) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.clock = clock;
        this.recordedBatch = recordedBatch;
        this.thread = Thread.ofPlatform().daemon().name("hookline-recorder").start(this::loop);
    }

    /** Who sends the ordered successors claimed while recording: the delivery worker. */
    interface NextEvents {

        /** What may be claimed for it now, or null for nothing. */
        Handoff.Offer offer(Instant now);

        /** The successors claimed under the offer, committed with the batch that finished their predecessors. */
        void takeNext(Handoff.Offer offer, List<ClaimedEvent> claimed);

        /** The recording statement failed: it may have claimed events under the offer's token. */
        void lost(Handoff.Offer offer);
    }

    /** From now on, each batch claims its ordered successors for {@code next} (docs/delivery-controls.md). */
    void handNextTo(NextEvents next) {
        this.next = next;
    }

    /** The claims of this process, each held until its try is recorded. */
    HeldClaims held() {
        return held;
    }

    void add(FinishedTry finished) {
        queue.add(finished);
    }

    private void loop() {
        Duration pause = Duration.ofMillis(200);
        while (running || !queue.isEmpty() || !unrecorded.isEmpty()) {
            if (clock.instant().isAfter(stopDeadline)) {
                log.error("Stopping without recording {} tries: the database did not come back in time; "
                        + "their events are sent again when their lease ends", unrecorded.size() + queue.size());
                return;
            }
            try {
                if (unrecorded.isEmpty()) {
                    FinishedTry first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        unrecorded.add(first);
                    }
                }
                queue.drainTo(unrecorded, MAX_BATCH - unrecorded.size());
                if (unrecorded.isEmpty()) {
                    continue;
                }
                if (recordBatch(unrecorded)) {
                    unrecorded.clear();
                    pause = Duration.ofMillis(200);
                } else {
                    giveUpOnOldTries();
                    Thread.sleep(pause);
                    pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                            : pause.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                // close() asks the loop to finish what is queued, within its deadline
            }
        }
    }

    /** Records one batch; false when the database could not be reached, so the batch waits. */
    private boolean recordBatch(List<FinishedTry> batch) {
        Instant now = clock.instant();
        NextEvents next = this.next;
        Handoff.Offer offer = next == null ? null : next.offer(now);
        DeliveryRecorder.Recorded recorded;
        try {
            recorded = recorder.record(batch, now, offer, held.all().stream().map(HeldClaims.Held::eventId)
                    .toArray(Long[]::new));
        } catch (RuntimeException e) {
            if (offer != null) {
                next.lost(offer);
            }
            if (!recorder.reachable()) {
                log.warn("Could not record {} tries yet ({}); they wait for the database", batch.size(), e.toString());
                return false;
            }
            // The database is there and refused the batch: one try it cannot take must not hold up the rest.
            recorded = new DeliveryRecorder.Recorded(recordOneByOne(batch, now), List.of());
        }
        for (FinishedTry finished : batch) {
            held.drop(finished.event());
            if (recorded.ids().contains(finished.event().id())) {
                metrics.attempted(finished.attempt(), finished.event(), now);
            } else {
                log.info("Event {} was claimed by another worker or canceled while it was being sent; "
                        + "its outcome is not recorded here", finished.event().id());
            }
        }
        if (!recorded.next().isEmpty()) {
            next.takeNext(offer, recorded.next());
        }
        recordedBatch.run();
        return true;
    }

    private Set<Long> recordOneByOne(List<FinishedTry> batch, Instant now) {
        Set<Long> recorded = new HashSet<>();
        for (FinishedTry finished : batch) {
            try {
                recorded.addAll(recorder.record(List.of(finished), now));
            } catch (RuntimeException e) {
                log.error("Could not record the try of event {}; it is sent again when its lease ends",
                        finished.event().id(), e);
            }
        }
        return recorded;
    }

    private void giveUpOnOldTries() {
        Instant tooOld = clock.instant().minus(MAX_WAIT);
        List<FinishedTry> old = unrecorded.stream().filter(f -> f.endedAt().isBefore(tooOld)).toList();
        if (!old.isEmpty()) {
            log.error("Giving up recording {} tries after {}; their events are sent again", old.size(), MAX_WAIT);
            old.forEach(f -> held.drop(f.event()));
            unrecorded.removeAll(old);
        }
    }

    /** Records what is still queued (waiting up to {@link #STOP_WAIT} for the database), then stops. */
    @Override
    public void close() {
        stopDeadline = clock.instant().plus(STOP_WAIT);
        running = false;
        try {
            thread.join(STOP_WAIT.plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
