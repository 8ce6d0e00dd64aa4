package io.hookline.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.hookline.capture.Wakeup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends claimed events, each on its own virtual thread, within two caps: its receiver's share of
 * send slots ({@link ReceiverShares}) and this process's {@code maxInFlight}. A finished try goes
 * to the recording queue; an event that was never sent is kept for {@link #close} to give back.
 */
final class SendPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendPool.class);
    /**
     * How long a run of an {@code ALL} receiver goes on before the rest of it is given back and claimed
     * anew: a claim checks pauses and earlier events again, a run in flight does not.
     */
    static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DeliveryWorker.Sender sender;
    private final ReceiverShares shares;
    private final RecordingQueue recording;
    private final HeldClaims held;
    private final Wakeup wakeup;
    private final Consumer<List<ClaimedEvent>> giveBack;
    private final Semaphore inFlight;
    private final Duration requestTimeout;
    private final Queue<ClaimedEvent> unsent = new ConcurrentLinkedQueue<>();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;

    /** {@code giveBack} releases claims at once, for events that will not be sent here after all. */
    SendPool(DeliveryWorker.Sender sender, ReceiverShares shares, RecordingQueue recording, DeliveryProperties properties,
             Wakeup wakeup, Consumer<List<ClaimedEvent>> giveBack) {
        this.sender = sender;
        this.shares = shares;
        this.recording = recording;
        this.held = recording.held();
        this.wakeup = wakeup;
        this.giveBack = giveBack;
        this.inFlight = new Semaphore(properties.maxInFlight());
        this.requestTimeout = properties.requestTimeout();
    }

    /**
     * Sends each event to its receiver's target; an event whose receiver has none (deleted) is
     * dropped. The events of an {@code ALL} receiver go one after the other, in event order, each
     * only once the one before was delivered (docs/delivery-controls.md, "A run at a time").
     */
    void submit(List<ClaimedEvent> batch, Map<Long, DeliveryTargets.Target> byReceiver) {
        Map<Long, List<ClaimedEvent>> runs = new HashMap<>();
        for (ClaimedEvent event : batch) {
            if (event.inReceiverOrder()) {
                runs.computeIfAbsent(event.receiverId(), id -> new ArrayList<>()).add(event);
            } else {
                start(List.of(event), byReceiver.get(event.receiverId()));
            }
        }
        runs.forEach((receiverId, run) -> {
            run.sort(Comparator.comparingLong(ClaimedEvent::id));
            start(run, byReceiver.get(receiverId));
        });
    }

    private void start(List<ClaimedEvent> events, DeliveryTargets.Target target) {
        ReceiverShare receiver = shares.share(events.getFirst().receiverId());
        receiver.claimed().addAndGet(events.size());
        try {
            sends.execute(() -> run(events, target, receiver));
        } catch (RejectedExecutionException stopped) {
            // Claimed while stopping (an ordered successor, say): given back by close() like any unsent one.
            receiver.claimed().addAndGet(-events.size());
            unsent.addAll(events);
        }
    }

    /** Sends the events in turn, as long as each is delivered; what is left goes back unsent. */
    private void run(List<ClaimedEvent> events, DeliveryTargets.Target target, ReceiverShare receiver) {
        int done = 0;
        boolean interrupted = false;
        try {
            if (target == null) {
                events.forEach(held::drop); // the receiver was deleted after the claim; its events were canceled with it
                done = events.size();
                receiver.claimed().addAndGet(-events.size());
            }
            long startedAt = System.nanoTime();
            while (done < events.size()) {
                if (done > 0 && System.nanoTime() - startedAt > RUN_NANOS) {
                    break; // given back and claimed again: a pause or a retry of an earlier event takes effect
                }
                ClaimedEvent event = events.get(done);
                Attempt attempt;
                try {
                    attempt = send(event, target, receiver);
                } catch (RuntimeException e) {
                    done++;
                    receiver.claimed().decrementAndGet();
                    held.drop(event);
                    log.error("Unexpected failure delivering event {}; it is retried when its lease ends", event.id(), e);
                    break;
                }
                if (attempt == null) {
                    break; // stopping: this one and the rest are given back by close()
                }
                done++;
                // Before the try is recorded: the recording claims the next run only for a receiver with room.
                receiver.claimed().decrementAndGet();
                recording.add(new FinishedTry(event, attempt));
                if (!(attempt.outcome() instanceof DeliveryOutcome.Delivered)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
        } finally {
            List<ClaimedEvent> rest = List.copyOf(events.subList(done, events.size()));
            if (stopping || interrupted) {
                unsent.addAll(rest);
            } else if (!rest.isEmpty()) {
                // Their predecessor was not delivered, or the run has gone on long enough: claimable
                // again, by any process.
                giveBack.accept(rest);
            }
            receiver.claimed().addAndGet(-rest.size());
            wakeup.ring();
        }
    }

    /** One try; null when the pool is stopping and it was not sent. */
    private Attempt send(ClaimedEvent event, DeliveryTargets.Target target, ReceiverShare share)
            throws InterruptedException {
        Attempt attempt;
        shares.enter(share, target);
        try {
            inFlight.acquire();
            try {
                if (stopping) {
                    return null;
                }
                attempt = sender.send(target.requestFor(event));
            } finally {
                inFlight.release();
            }
        } finally {
            shares.leave(share);
        }
        return attempt;
    }

    /** Starts no send any more; those under way finish (up to a request timeout) and are recorded. */
    @Override
    public void close() {
        stopping = true;
        sends.shutdown();
        try {
            if (!sends.awaitTermination(requestTimeout.plus(Duration.ofSeconds(5)).toMillis(), TimeUnit.MILLISECONDS)) {
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            sends.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The events claimed but never sent, once {@link #close} has returned. */
    List<ClaimedEvent> unsent() {
        return List.copyOf(unsent);
    }
}
