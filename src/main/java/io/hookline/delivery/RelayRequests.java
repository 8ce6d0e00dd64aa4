package io.hookline.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The headers each relay client was handed with its claim, kept until its answer is recorded: they
 * are signed at claim time, so only this copy says what the client was told to forward
 * (docs/relay.md). Custom header values are stored masked, like every attempt's.
 */
@Repository
class RelayRequests {

    private final JdbcClient jdbc;

    RelayRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One claim's headers as the audit trail shows them. */
    record Handed(long eventId, UUID claim, String headers) {
    }

    /** Remembers the headers of a batch just handed out; a claim again of the same event replaces them. */
    void remember(List<Handed> handed) {
        if (handed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_relay_requests (event_id, claim_token, request_headers)
                        select * from unnest(cast(:ids as bigint[]), cast(:claims as uuid[]), cast(:headers as text[]))
                        on conflict (event_id) do update
                        set claim_token = excluded.claim_token, request_headers = excluded.request_headers
                        """)
                .param("ids", handed.stream().map(Handed::eventId).toArray(Long[]::new))
                .param("claims", handed.stream().map(h -> h.claim().toString()).toArray(String[]::new))
                .param("headers", handed.stream().map(Handed::headers).toArray(String[]::new))
                .update();
    }

    /** The headers handed with these claims, by event id; a claim not found (handed before an upgrade) is absent. */
    Map<Long, String> handedWith(Map<Long, UUID> claims) {
        Map<Long, String> headers = new HashMap<>();
        if (claims.isEmpty()) {
            return headers;
        }
        jdbc.sql("""
                        select event_id, claim_token, request_headers from webhook_relay_requests
                        where event_id = any (cast(:ids as bigint[]))
                        """)
                .param("ids", claims.keySet().toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong("event_id");
                    if (claims.get(id).equals(rs.getObject("claim_token", UUID.class))) {
                        headers.put(id, rs.getString("request_headers"));
                    }
                });
        return headers;
    }

    /** Forgets the headers of answers now recorded as attempts. */
    void forget(Collection<Long> eventIds) {
        if (!eventIds.isEmpty()) {
            jdbc.sql("delete from webhook_relay_requests where event_id = any (cast(:ids as bigint[]))")
                    .param("ids", eventIds.toArray(Long[]::new)).update();
        }
    }
}
