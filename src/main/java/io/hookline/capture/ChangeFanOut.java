package io.hookline.capture;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns committed changes into events, a batch at a time. Several processes may run it at
 * once: each claims different changes with SKIP LOCKED.
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

    /** One batch; true when the batch was full, so more changes may be waiting. */
    public boolean fanOutBatch() {
        FanOutRepository.Batch batch = io.hookline.tracing.Tracing.fanOut(() -> repository.fanOut(clock.instant(), BATCH),
                FanOutRepository.Batch::changes, FanOutRepository.Batch::events);
        if (batch.events() > 0) {
            eventsCreated.increment(batch.events());
            deliveryWakeup.ring();
            // Other processes' delivery workers hear of the new events too.
            repository.notifyEvents();
        }
        return batch.changes() == BATCH;
    }
}
