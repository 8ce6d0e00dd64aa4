package io.hookline.capture;

import java.time.Clock;
import java.time.Instant;

import io.hookline.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns committed changes into events, a batch at a time. Several processes may run it; one
 * batch is fanned out at a time, so events are numbered in change order (docs/architecture.md).
 */
public final class ChangeFanOut {

    static final int BATCH = 500;

    private final FanOutRepository repository;
    private final Clock clock;
    private final Wakeup deliveryWakeup;
    private final Counter eventsCreated;

    ChangeFanOut(FanOutRepository repository, Clock clock, Wakeup deliveryWakeup, MeterRegistry meters) {
        this.repository = repository;
        this.clock = clock;
        this.deliveryWakeup = deliveryWakeup;
        this.eventsCreated = Counter.builder("hookline.fanout.events")
                .description("Webhook events created from captured changes").register(meters);
    }

    /**
     * One batch; the new events this process's delivery worker has room for are claimed for it in the
     * same statement and handed over (none without a handoff). True when the batch was full, so more
     * changes may be waiting.
     */
    public boolean fanOutBatch(Handoff handoff) {
        Instant now = clock.instant();
        Handoff.Offer offer = handoff == null ? null : handoff.offer(now);
        FanOutRepository.Batch batch;
        try {
            Handoff.Offer claimFor = offer == null ? FanOutRepository.NO_OFFER : offer;
            batch = Tracing.fanOut(() -> repository.fanOut(now, BATCH, claimFor),
                    FanOutRepository.Batch::changes, FanOutRepository.Batch::events);
        } catch (RuntimeException e) {
            if (offer != null) {
                handoff.lost(offer);
            }
            throw e;
        }
        if (offer != null && !batch.claimed().isEmpty()) {
            handoff.take(offer, batch.claimed());
        }
        eventsCreated.increment(batch.events());
        if (batch.events() > batch.claimed().size()) {
            // Events left unclaimed are for any worker: this process's and the others' hear of them.
            deliveryWakeup.ring();
            repository.notifyEvents();
        }
        return batch.changes() == BATCH;
    }
}
