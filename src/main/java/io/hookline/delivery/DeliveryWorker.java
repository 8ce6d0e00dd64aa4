package io.hookline.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.hookline.capture.Wakeup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due events and sends each on its own virtual thread. Caps keep one receiver from
 * hurting the others: a receiver never has more than {@code perReceiverConcurrency} sends in
 * flight here, and only a few rounds of that claimed ahead (a receiver with that many waiting is
 * left out of the next claim, so its backlog stays in the database instead of crowding the
 * others out); all sends together stay under {@code maxInFlight}.
 */
final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** The most rounds of sends claimed ahead for one receiver. */
    private static final int MAX_ROUNDS_AHEAD = 4;

    private final DueEventClaimer claimer;
    private final DeliveryTargets targets;
    private final Sender sender;
    private final RecordingQueue recording;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Wakeup wakeup;
    private final Semaphore inFlight;
    private final int maxClaimed;
    private final int claimDepth;
    private final AtomicInteger claimed = new AtomicInteger();
    private final Map<Long, Receiver> receivers = new ConcurrentHashMap<>();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();

    /** Sends one request; the real one is a {@link WebhookSender}, checked against egress rules. */
    interface Sender {
        Attempt send(DeliveryRequest request);
    }

    /** One receiver's share here: its send slots, and how many of its events are claimed and not done. */
    private record Receiver(Semaphore slots, AtomicInteger claimed) {
    }

    DeliveryWorker(DueEventClaimer claimer, DeliveryTargets targets, Sender sender, RecordingQueue recording,
                   DeliveryProperties properties, Clock clock, Wakeup wakeup) {
        this.claimer = claimer;
        this.targets = targets;
        this.sender = sender;
        this.recording = recording;
        this.properties = properties;
        this.clock = clock;
        this.wakeup = wakeup;
        this.inFlight = new Semaphore(properties.maxInFlight());
        this.maxClaimed = properties.maxInFlight() * 2;
        // An event waiting for its receiver's slot must be sent before its lease runs out, or another
        // worker would take it too: each round ahead may take a whole request timeout.
        long roundsWithinLease = properties.lease().toMillis() / (2 * properties.requestTimeout().toMillis());
        this.claimDepth = properties.perReceiverConcurrency() * (int) Math.clamp(roundsWithinLease, 1, MAX_ROUNDS_AHEAD);
    }

    /** Claims and dispatches one batch; true when the batch was full, so more may be due. */
    boolean dispatchBatch() {
        int limit = Math.min(properties.batchSize(), maxClaimed - claimed.get());
        if (limit <= 0) {
            return false; // a finishing send rings the wakeup
        }
        Instant now = clock.instant();
        List<ClaimedEvent> batch = claimer.claim(now, properties.lease(), limit, claimDepth, saturatedReceivers());
        if (batch.isEmpty()) {
            return false;
        }
        Map<Long, DeliveryTargets.Target> byReceiver = targets.load(
                batch.stream().map(ClaimedEvent::receiverId).collect(Collectors.toSet()), now);
        for (ClaimedEvent event : batch) {
            Receiver receiver = receiverOf(event.receiverId());
            claimed.incrementAndGet();
            receiver.claimed().incrementAndGet();
            sends.submit(() -> {
                try {
                    send(event, byReceiver.get(event.receiverId()), receiver.slots());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("Unexpected failure delivering event {}; it is retried when its lease ends", event.id(), e);
                } finally {
                    receiver.claimed().decrementAndGet();
                    claimed.decrementAndGet();
                    wakeup.ring();
                }
            });
        }
        return batch.size() == limit;
    }

    private void send(ClaimedEvent event, DeliveryTargets.Target target, Semaphore slots) throws InterruptedException {
        if (target == null) {
            return; // the receiver was deleted after the claim; its events were canceled with it
        }
        Attempt attempt;
        slots.acquire();
        try {
            inFlight.acquire();
            try {
                attempt = sender.send(target.requestFor(event));
            } finally {
                inFlight.release();
            }
        } finally {
            slots.release();
        }
        recording.add(new DeliveryRecorder.Finished(event, attempt));
    }

    private Receiver receiverOf(long receiverId) {
        return receivers.computeIfAbsent(receiverId,
                id -> new Receiver(new Semaphore(properties.perReceiverConcurrency()), new AtomicInteger()));
    }

    /** Receivers with a full share claimed here: claiming more of theirs would only wait in memory. */
    private Set<Long> saturatedReceivers() {
        return receivers.entrySet().stream()
                .filter(e -> e.getValue().claimed().get() >= claimDepth)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Stops sending: in-flight sends finish (up to a request timeout), then their outcomes are recorded. */
    @Override
    public void close() {
        sends.shutdown();
        try {
            if (!sends.awaitTermination(properties.requestTimeout().plus(Duration.ofSeconds(5)).toMillis(),
                    TimeUnit.MILLISECONDS)) {
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            sends.shutdownNow();
            Thread.currentThread().interrupt();
        }
        recording.close();
    }
}
