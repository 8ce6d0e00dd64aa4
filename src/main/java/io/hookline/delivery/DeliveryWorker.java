package io.hookline.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.hookline.capture.Handoff;
import io.hookline.capture.Wakeup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due events and sends each on its own virtual thread. Caps keep one receiver from
 * hurting the others: a receiver never has more than its {@code maxConcurrency} sends in flight,
 * across all processes (its {@link ReceiverShares share} of send slots), and only a few rounds of
 * that claimed ahead (a receiver with that many waiting is left out of the next claim, so its
 * backlog stays in the database instead of crowding the others out); all sends together stay
 * under {@code maxInFlight}. See docs/delivery-controls.md.
 */
final class DeliveryWorker implements Handoff, RecordingQueue.NextEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Claimed ahead of a receiver with the default cap, by the fan-out's handoff. */
    private static final int HANDOFF_DEPTH =
            io.hookline.receiver.DeliveryControls.DEFAULT_CONCURRENCY * DueEventClaimer.ROUNDS_AHEAD;
    /** The claim's own limit per receiver follows each receiver's cap, up to this. */
    private static final int CLAIM_DEPTH =
            io.hookline.receiver.DeliveryControls.MAX_CONCURRENCY * DueEventClaimer.ROUNDS_AHEAD;

    private final DueEventClaimer claimer;
    private final DeliveryTargets targets;
    private final RecordingQueue recording;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final int maxClaimed;
    private final HeldClaims held;
    private final ClaimHeartbeat heartbeat;
    private final ReceiverShares shares;
    private final SendPool sends;
    private volatile boolean stopping;

    /** Sends one request; the real one is a {@link WebhookSender}, checked against egress rules. */
    interface Sender {
        Attempt send(DeliveryRequest request);
    }

    DeliveryWorker(DeliveryStore store, Sender sender, RecordingQueue recording, DeliveryProperties properties,
                   Clock clock, Wakeup wakeup) {
        this.claimer = store.claimer();
        this.targets = store.targets();
        this.recording = recording;
        this.properties = properties;
        this.clock = clock;
        this.maxClaimed = properties.maxInFlight() * 2;
        this.held = recording.held();
        this.shares = new ReceiverShares(store.leases(), properties.lease());
        this.sends = new SendPool(sender, shares, recording, properties, wakeup, this::giveBack);
        // The heartbeat keeps an event waiting for its receiver's slot claimed, however long it waits,
        // and this process's send slots leased.
        this.heartbeat = new ClaimHeartbeat(claimer, held, properties.lease(), clock, shares::keep);
        heartbeat.start();
        recording.handNextTo(this);
    }

    /** Claims and dispatches one batch; true when the batch was full, so more may be due. */
    boolean dispatchBatch() {
        // Tries waiting to be recorded count too: while the database is away they pile up, and
        // claiming stops until they are recorded.
        int limit = Math.min(properties.batchSize(), maxClaimed - held.size());
        if (limit <= 0 || stopping) {
            return false; // a finishing send or a recorded batch rings the wakeup
        }
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        List<ClaimedEvent> batch;
        try {
            // Claims the heartbeat could not renew for a while (the database away) may have run out:
            // they are left out by id, so that this process never takes its own events a second time.
            batch = claimer.claim(token, now, properties.lease(), limit, CLAIM_DEPTH, shares.saturated(),
                    held.renewedBefore(now.minus(properties.lease().dividedBy(2))).stream()
                            .map(HeldClaims.Held::eventId).toArray(Long[]::new));
        } catch (RuntimeException e) {
            heartbeat.claimLost(token);
            throw e;
        }
        if (batch.isEmpty()) {
            return false;
        }
        dispatch(batch, now);
        return batch.size() == limit;
    }

    /** New events may be claimed for this worker by the fan-out that creates them, within its caps. */
    @Override
    public Offer offer(Instant now) {
        int room = Math.min(properties.batchSize(), maxClaimed - held.size());
        if (room <= 0 || stopping) {
            return null;
        }
        return new Offer(UUID.randomUUID(), now.plus(properties.lease()), room, HANDOFF_DEPTH,
                shares.saturated().toArray(Long[]::new));
    }

    @Override
    public void take(Offer offer, List<Claimed> claimed) {
        dispatch(claimed.stream().map(c -> new ClaimedEvent(c.eventId(), c.organizationId(), c.receiverId(), c.body(), 0,
                "SCHEDULED", c.occurredAt(), false, offer.token(), false)).toList(), clock.instant());
    }

    @Override
    public void takeNext(Offer offer, List<ClaimedEvent> claimed) {
        try {
            dispatch(claimed, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not send {} ordered events claimed while recording; they are due again when their "
                    + "lease ends", claimed.size(), e);
        }
    }

    @Override
    public void lost(Offer offer) {
        heartbeat.claimLost(offer.token());
    }

    /** Releases claims of events that will not be sent here after all: due again at once, for any worker. */
    private void giveBack(List<ClaimedEvent> events) {
        try {
            claimer.release(events.stream().map(e -> new HeldClaims.Held(e.id(), e.claimToken(), clock.instant())).toList());
        } catch (RuntimeException e) {
            log.warn("Could not give back {} claimed events; they are due again when their lease ends", events.size(), e);
        } finally {
            events.forEach(held::drop);
        }
    }

    private void dispatch(List<ClaimedEvent> batch, Instant now) {
        held.hold(batch, now);
        Map<Long, DeliveryTargets.Target> byReceiver;
        try {
            byReceiver = targets.load(batch.stream().map(ClaimedEvent::receiverId).collect(Collectors.toSet()), now);
        } catch (RuntimeException e) {
            batch.forEach(held::drop); // not renewed any more: due again when the lease ends
            throw e;
        }
        sends.submit(batch, byReceiver);
    }

    /**
     * Stops cleanly: claims nothing more, lets in-flight sends finish (up to a request timeout), records
     * every finished try, then gives back the claimed events that were never sent.
     */
    @Override
    public void close() {
        stopping = true;
        sends.close();
        recording.close();
        List<HeldClaims.Held> giveBack = sends.unsent().stream()
                .map(e -> new HeldClaims.Held(e.id(), e.claimToken(), clock.instant())).toList();
        try {
            int released = claimer.release(giveBack);
            log.info("Stopped delivering; gave back {} claimed events that were not sent", released);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} claimed events; they are due again when their lease ends",
                    giveBack.size(), e);
        }
        heartbeat.close();
        shares.close();
    }
}
