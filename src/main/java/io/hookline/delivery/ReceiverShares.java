package io.hookline.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's shares of the receivers it sends to (docs/delivery-controls.md): the send slots it
 * leases under one holder token, renewed by the claim heartbeat, given back when it has had no work
 * for a receiver for a while and, under sustained load, after a short hold when another process
 * wants some.
 */
final class ReceiverShares implements ReceiverShare.Leaser, RateShare.Bucket, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiverShares.class);
    /** How long a process keeps its slots of a receiver another process is waiting for. */
    private static final long HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a process keeps the slots of a receiver it has no work for, in case more comes. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ReceiverLeases leases;
    private final Duration lease;
    private final UUID holder = UUID.randomUUID();
    private final Map<Long, ReceiverShare> shares = new ConcurrentHashMap<>();
    private final Map<Long, DeliveryTargets.Limits> limits = new ConcurrentHashMap<>();

    ReceiverShares(ReceiverLeases leases, Duration lease) {
        this.leases = leases;
        this.lease = lease;
    }

    ReceiverShare share(long receiverId) {
        return shares.computeIfAbsent(receiverId, ReceiverShare::new);
    }

    /** Waits until this process may send to the target's receiver: a slot of its cap, a token of its rate. */
    void enter(ReceiverShare share, DeliveryTargets.Target target) throws InterruptedException {
        limits.put(target.receiverId(), target.limits());
        share.acquireSlot(this, target.limits().maxConcurrency());
        if (target.limits().maxRequestsPerSecond() != null) {
            try {
                share.rate().take(this, target.limits().maxRequestsPerSecond());
            } catch (InterruptedException | RuntimeException e) {
                leave(share);
                throw e;
            }
        }
    }

    void leave(ReceiverShare share) {
        List<Integer> giveBack = share.releaseSlot(HOLD_NANOS);
        if (!giveBack.isEmpty()) {
            leases.release(share.receiverId(), holder, giveBack);
        }
    }

    /**
     * Receivers with a few rounds of their cap claimed here, or whose slots are all held by other
     * processes: claiming more would only wait in memory.
     */
    Set<Long> saturated() {
        return shares.entrySet().stream()
                .filter(e -> e.getValue().claimed().get() >= DueEventClaimer.ROUNDS_AHEAD * cap(e.getKey())
                        || e.getValue().starved())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private int cap(long receiverId) {
        DeliveryTargets.Limits known = limits.get(receiverId);
        return known == null ? io.hookline.receiver.DeliveryControls.DEFAULT_CONCURRENCY : known.maxConcurrency();
    }

    /** One heartbeat: gives back the slots of receivers with no work here, renews the others. */
    void keep() {
        List<Long> receivers = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        Map<Long, List<Integer>> renewing = new java.util.HashMap<>();
        shares.forEach((id, share) -> {
            List<Integer> idle = share.idleSlots(IDLE_NANOS);
            if (!idle.isEmpty()) {
                leases.release(id, holder, idle);
            }
            List<Integer> held = share.slots();
            if (!held.isEmpty()) {
                renewing.put(id, held);
                held.forEach(slot -> {
                    receivers.add(id);
                    slots.add(slot);
                });
            }
        });
        Map<Long, List<ReceiverLeases.Slot>> renewed = leases.renew(holder, receivers.toArray(Long[]::new),
                slots.toArray(Integer[]::new), lease).stream()
                .collect(Collectors.groupingBy(ReceiverLeases.Slot::receiverId));
        renewing.forEach((id, held) -> {
            List<ReceiverLeases.Slot> still = renewed.getOrDefault(id, List.of());
            shares.get(id).renewed(held, still.stream().map(ReceiverLeases.Slot::slot).toList(),
                    still.stream().anyMatch(ReceiverLeases.Slot::wanted));
        });
    }

    @Override
    public List<Integer> acquire(long receiverId, int want) {
        return leases.acquire(receiverId, holder, want, lease);
    }

    @Override
    public int takeTokens(long receiverId, int want) {
        double rate = limits.get(receiverId).maxRequestsPerSecond();
        return leases.takeTokens(receiverId, rate, RateShare.chunk(rate), want);
    }

    /** Gives every slot back, for the other processes; a failure leaves them to run out with their lease. */
    @Override
    public void close() {
        try {
            leases.releaseAll(holder);
        } catch (RuntimeException e) {
            log.warn("Could not give back the send slots; they come back when their lease runs out", e);
        }
    }
}
