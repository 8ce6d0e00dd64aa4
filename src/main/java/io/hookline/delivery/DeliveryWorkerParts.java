package io.hookline.delivery;

import java.time.Clock;

import org.springframework.stereotype.Component;

/** What a delivery worker is built from, grouped to keep {@link Pipeline}'s constructor short. */
@Component
record DeliveryWorkerParts(DeliveryStore store, DeliveryWorker.Sender sender, DeliveryRecorder recorder,
                           DeliveryMetrics metrics, Clock clock) {
}
