package io.hookline.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claims this process holds, from the claim until the try is recorded or the claim released:
 * the heartbeat renews their leases, the claim leaves them out (so a try waiting to be recorded
 * while the database is away is never claimed and sent a second time here), and a stop releases
 * those never sent.
 */
final class HeldClaims {

    /** One held claim and when its lease was last pushed ahead. */
    record Held(long eventId, UUID token, Instant renewedAt) {
    }

    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    void hold(List<ClaimedEvent> batch, Instant now) {
        batch.forEach(e -> held.put(e.id(), new Held(e.id(), e.claimToken(), now)));
    }

    /** Forgets the claim: its try was recorded, or another holder owns the event now. */
    void drop(ClaimedEvent event) {
        held.computeIfPresent(event.id(), (id, h) -> h.token().equals(event.claimToken()) ? null : h);
    }

    int size() {
        return held.size();
    }

    /** Claims whose lease was last pushed ahead before {@code before}. */
    List<Held> renewedBefore(Instant before) {
        return held.values().stream().filter(h -> h.renewedAt().isBefore(before)).toList();
    }

    void renewed(List<Held> renewed, Instant now) {
        renewed.forEach(h -> held.replace(h.eventId(), h, new Held(h.eventId(), h.token(), now)));
    }

    List<Held> all() {
        return List.copyOf(held.values());
    }
}
