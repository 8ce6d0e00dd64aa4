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
import java.util.stream.Collectors;

import io.hookline.capture.Wakeup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due events and sends each on its own virtual thread. Two caps keep one receiver from
 * hurting the others: a receiver never has more than {@code perReceiverConcurrency} sends in
 * flight here (a saturated receiver is left out of the next claim, so its backlog stays in the
 * database instead of holding up the batch), and all sends together stay under {@code maxInFlight}.
 */
final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DueEventClaimer claimer;
    private final DeliveryTargets targets;
    private final Sender sender;
    private final DeliveryRecorder recorder;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Wakeup wakeup;
    private final Semaphore inFlight;
    private final Map<Long, Semaphore> perReceiver = new ConcurrentHashMap<>();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();

    /** Sends one request; the real one is a {@link WebhookSender}, checked against egress rules. */
    interface Sender {
        Attempt send(DeliveryRequest request);
    }

    DeliveryWorker(DueEventClaimer claimer, DeliveryTargets targets, Sender sender, DeliveryRecorder recorder,
                   DeliveryMetrics metrics, DeliveryProperties properties, Clock clock, Wakeup wakeup) {
        this.claimer = claimer;
        this.targets = targets;
        this.sender = sender;
        this.recorder = recorder;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.wakeup = wakeup;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    /** Claims and dispatches one batch; true when the batch was full, so more may be due. */
    boolean dispatchBatch() throws InterruptedException {
        int free = inFlight.availablePermits();
        if (free == 0) {
            return false; // a finishing send rings the wakeup
        }
        int limit = Math.min(properties.batchSize(), free);
        Instant now = clock.instant();
        List<ClaimedEvent> claimed = claimer.claim(now, properties.lease(), limit,
                properties.perReceiverConcurrency(), saturatedReceivers());
        if (claimed.isEmpty()) {
            return false;
        }
        Map<Long, DeliveryTargets.Target> byReceiver = targets.load(
                claimed.stream().map(ClaimedEvent::receiverId).collect(Collectors.toSet()), now);
        for (ClaimedEvent event : claimed) {
            inFlight.acquire();
            Semaphore receiverSlots = slotsOf(event.receiverId());
            sends.submit(() -> {
                try {
                    receiverSlots.acquire();
                    try {
                        deliver(event, byReceiver.get(event.receiverId()));
                    } finally {
                        receiverSlots.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("Unexpected failure delivering event {}; it is retried when its lease ends", event.id(), e);
                } finally {
                    inFlight.release();
                    wakeup.ring();
                }
            });
        }
        return claimed.size() == limit;
    }

    private void deliver(ClaimedEvent event, DeliveryTargets.Target target) {
        if (target == null) {
            return; // the receiver was deleted after the claim; its events were canceled with it
        }
        Attempt attempt = sender.send(target.requestFor(event));
        Instant now = clock.instant();
        DeliveryRecorder.Recorded recorded = recorder.record(event, attempt, now);
        if (recorded.recorded()) {
            metrics.attempted(attempt, event, now);
        } else {
            log.info("Event {} was claimed by another worker or canceled while it was being sent; its outcome "
                    + "is not recorded here", event.id());
        }
    }

    private Semaphore slotsOf(long receiverId) {
        return perReceiver.computeIfAbsent(receiverId, id -> new Semaphore(properties.perReceiverConcurrency()));
    }

    /** Receivers whose slots here are all taken: claiming more of theirs would only queue in memory. */
    private Set<Long> saturatedReceivers() {
        return perReceiver.entrySet().stream()
                .filter(e -> e.getValue().availablePermits() == 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

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
    }
}
