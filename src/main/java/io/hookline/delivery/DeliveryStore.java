package io.hookline.delivery;

import org.springframework.stereotype.Component;

/** What the delivery worker reads and leases in the database, grouped to keep its constructor short. */
@Component
record DeliveryStore(DueEventClaimer claimer, DeliveryTargets targets, ReceiverLeases leases) {
}
