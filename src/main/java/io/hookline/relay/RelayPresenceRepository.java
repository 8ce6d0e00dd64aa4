package io.hookline.relay;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether a relay client serves a receiver now, and since when: the only writer of
 * {@code webhook_relay_presence}. Polls arrive many times a second under load, so each process
 * writes a receiver's row at most once a second.
 */
@Repository
class RelayPresenceRepository {

    private static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Duration window;
    private final Map<Long, Instant> written = new ConcurrentHashMap<>();
    private final RelayClientShares shares;

    RelayPresenceRepository(JdbcClient jdbc, RelayProperties properties, RelayClientShares shares) {
        this.jdbc = jdbc;
        this.window = properties.presenceWindow();
        this.shares = shares;
    }

    /**
     * {@code client}, a relay client of this receiver, is polling at {@code now}; returns how many
     * events it may forward at once, its share of the receiver's {@code maxConcurrency}.
     */
    int seen(long receiverId, String client, int maxConcurrency, Instant now) {
        seen(receiverId, now);
        return shares.share(receiverId, client, maxConcurrency, now);
    }

    private void seen(long receiverId, Instant now) {
        Instant last = written.get(receiverId);
        if (last != null && last.plus(WRITE_INTERVAL).isAfter(now)) {
            return;
        }
        written.put(receiverId, now);
        try {
            jdbc.sql("""
                            insert into webhook_relay_presence as p (receiver_id, connected_since, last_seen_at)
                            values (:receiver, :now, :now)
                            on conflict (receiver_id) do update
                            set connected_since = case when p.last_seen_at < :staleBefore then excluded.connected_since
                                                       else p.connected_since end,
                                last_seen_at = excluded.last_seen_at
                            """)
                    .param("receiver", receiverId).param("now", now.atOffset(ZoneOffset.UTC))
                    .param("staleBefore", now.minus(window).atOffset(ZoneOffset.UTC)).update();
        } catch (DataIntegrityViolationException receiverDeletedMeanwhile) {
            written.remove(receiverId);
        }
    }

    record Status(boolean connected, OffsetDateTime connectedSince, OffsetDateTime lastSeenAt) {
    }

    Map<Long, Status> statuses(Collection<Long> receiverIds, Instant now) {
        Map<Long, Status> statuses = new HashMap<>();
        if (receiverIds.isEmpty()) {
            return statuses;
        }
        OffsetDateTime freshAfter = now.minus(window).atOffset(ZoneOffset.UTC);
        jdbc.sql("select receiver_id, connected_since, last_seen_at from webhook_relay_presence where receiver_id in (:ids)")
                .param("ids", receiverIds)
                .query(rs -> {
                    OffsetDateTime lastSeen = rs.getObject("last_seen_at", OffsetDateTime.class);
                    boolean connected = !lastSeen.isBefore(freshAfter);
                    statuses.put(rs.getLong("receiver_id"), new Status(connected,
                            connected ? rs.getObject("connected_since", OffsetDateTime.class) : null, lastSeen));
                });
        return statuses;
    }
}
