package io.hookline.relay;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How many of a relay receiver's {@code maxConcurrency} one of its relay clients may forward at once
 * (docs/relay.md, "Forwards at once"): an even share among the clients that polled within the
 * presence window, so that several clients together stay within the cap. The only writer of
 * {@code webhook_relay_clients}; each process writes a client's row and counts a receiver's clients
 * at most once a second, since polls arrive many times a second under load.
 */
@Repository
class RelayClientShares {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Duration window;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final Map<Long, Counted> counted = new ConcurrentHashMap<>();

    private record Counted(int clients, Instant at) {
    }

    RelayClientShares(JdbcClient jdbc, RelayProperties properties) {
        this.jdbc = jdbc;
        this.window = properties.presenceWindow();
    }

    /** {@code client} of this receiver polls at {@code now}: its share of {@code maxConcurrency}, at least 1. */
    int share(long receiverId, String client, int maxConcurrency, Instant now) {
        String key = receiverId + "/" + client;
        Instant last = written.get(key);
        boolean newHere = last == null;
        if (newHere || !last.plus(INTERVAL).isAfter(now)) {
            if (newHere && written.size() > 10_000) {
                written.values().removeIf(at -> at.isBefore(now.minus(window))); // clients long gone
            }
            written.put(key, now);
            try {
                jdbc.sql("""
                                insert into webhook_relay_clients (receiver_id, client_id, last_seen_at)
                                values (:receiver, :client, :now)
                                on conflict (receiver_id, client_id) do update set last_seen_at = excluded.last_seen_at
                                """)
                        .param("receiver", receiverId).param("client", client).param("now", now.atOffset(ZoneOffset.UTC))
                        .update();
            } catch (DataIntegrityViolationException receiverDeletedMeanwhile) {
                written.remove(key);
            }
        }
        Counted known = counted.get(receiverId);
        // A client new to this process is counted at once: its share must not come from a count without it.
        if (newHere || known == null || !known.at().plus(INTERVAL).isAfter(now)) {
            int clients = jdbc.sql("""
                            with gone as (
                                delete from webhook_relay_clients
                                where receiver_id = :receiver and last_seen_at < :freshAfter
                            )
                            select count(*) from webhook_relay_clients
                            where receiver_id = :receiver and last_seen_at >= :freshAfter
                            """)
                    .param("receiver", receiverId).param("freshAfter", now.minus(window).atOffset(ZoneOffset.UTC))
                    .query(Integer.class).single();
            known = new Counted(Math.max(1, clients), now);
            counted.put(receiverId, known);
        }
        return Math.max(1, maxConcurrency / known.clients());
    }
}
