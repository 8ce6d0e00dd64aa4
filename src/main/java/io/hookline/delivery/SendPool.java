package io.hookline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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

    private final DeliveryWorker.Sender sender;
    private final ReceiverShares shares;
    private final RecordingQueue recording;
    private final HeldClaims held;
    private final Wakeup wakeup;
    private final Semaphore inFlight;
    private final Duration requestTimeout;
    private final Queue<ClaimedEvent> unsent = new ConcurrentLinkedQueue<>();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;

    SendPool(DeliveryWorker.Sender sender, ReceiverShares shares, RecordingQueue recording, DeliveryProperties properties,
             Wakeup wakeup) {
        this.sender = sender;
        this.shares = shares;
        this.recording = recording;
        this.held = recording.held();
        this.wakeup = wakeup;
        this.inFlight = new Semaphore(properties.maxInFlight());
        this.requestTimeout = properties.requestTimeout();
    }

    /** Sends each event to its receiver's target; an event whose receiver has none (deleted) is dropped. */
    void submit(List<ClaimedEvent> batch, Map<Long, DeliveryTargets.Target> byReceiver) {
        for (ClaimedEvent event : batch) {
            ReceiverShare receiver = shares.share(event.receiverId());
            receiver.claimed().incrementAndGet();
            try {
                sends.execute(() -> run(event, byReceiver.get(event.receiverId()), receiver));
            } catch (RejectedExecutionException stopped) {
                // Claimed while stopping (an ordered successor, say): given back by close() like any unsent one.
                receiver.claimed().decrementAndGet();
                unsent.add(event);
            }
        }
    }

    private void run(ClaimedEvent event, DeliveryTargets.Target target, ReceiverShare receiver) {
        try {
            send(event, target, receiver);
        } catch (InterruptedException e) {
            unsent.add(event);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            held.drop(event);
            log.error("Unexpected failure delivering event {}; it is retried when its lease ends", event.id(), e);
        } finally {
            receiver.claimed().decrementAndGet();
            wakeup.ring();
        }
    }

    private void send(ClaimedEvent event, DeliveryTargets.Target target, ReceiverShare share)
            throws InterruptedException {
        if (target == null) {
            held.drop(event);
            return; // the receiver was deleted after the claim; its events were canceled with it
        }
        Attempt attempt;
        shares.enter(share, target);
        try {
            inFlight.acquire();
            try {
                if (stopping) {
                    unsent.add(event); // given back by close(), for the next process to send
                    return;
                }
                attempt = sender.send(target.requestFor(event));
            } finally {
                inFlight.release();
            }
        } finally {
            shares.leave(share);
        }
        recording.add(new FinishedTry(event, attempt));
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
