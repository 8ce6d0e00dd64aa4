package io.hookline.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hookline.receiver.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where and how to send to each receiver of a claimed batch: URL, valid secrets, headers. */
@Repository
class DeliveryTargets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    DeliveryTargets(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    record Target(long receiverId, String webhookUri, List<String> secrets, DeliveryRequest.ContentType contentType,
                  int expectedResponseCode, List<DeliveryRequest.Header> headers, Limits limits) {

        DeliveryRequest requestFor(ClaimedEvent event) {
            return new DeliveryRequest(event.id(), webhookUri, event.body(), contentType, secrets, headers,
                    expectedResponseCode);
        }
    }

    /** The receiver's caps (docs/delivery-controls.md); a null rate is no limit. */
    record Limits(int maxConcurrency, Double maxRequestsPerSecond) {
    }

    Map<Long, Target> load(Collection<Long> receiverIds, Instant now) {
        if (receiverIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Target> targets = new HashMap<>();
        // One statement: the receivers and their headers, in the order they were added.
        jdbc.sql("""
                        select id, webhook_uri, shared_secret, previous_secret, previous_secret_expires_at, content_type,
                               expected_response_code, max_concurrency, max_requests_per_second,
                               array(select h.key from webhook_receiver_headers h where h.receiver_id = r.id
                                     order by h.id) as header_keys,
                               array(select h.value from webhook_receiver_headers h where h.receiver_id = r.id
                                     order by h.id) as header_values
                        from webhook_receivers r where id in (:ids)
                        """)
                .param("ids", receiverIds)
                .query(rs -> {
                    List<String> secrets = new ArrayList<>(List.of(cipher.decrypt(rs.getString("shared_secret"))));
                    OffsetDateTime expires = rs.getObject("previous_secret_expires_at", OffsetDateTime.class);
                    // A rotated-out secret signs beside the new one until its overlap ends.
                    if (rs.getString("previous_secret") != null && expires != null
                            && expires.isAfter(now.atOffset(ZoneOffset.UTC))) {
                        secrets.add(cipher.decrypt(rs.getString("previous_secret")));
                    }
                    long id = rs.getLong("id");
                    targets.put(id, new Target(id, rs.getString("webhook_uri"), List.copyOf(secrets),
                            DeliveryRequest.ContentType.valueOf(rs.getString("content_type")),
                            rs.getInt("expected_response_code"), headers(rs),
                            new Limits(rs.getInt("max_concurrency"), rs.getObject("max_requests_per_second", Double.class))));
                });
        return targets;
    }

    private List<DeliveryRequest.Header> headers(ResultSet rs) throws SQLException {
        String[] keys = (String[]) rs.getArray("header_keys").getArray();
        String[] values = (String[]) rs.getArray("header_values").getArray();
        List<DeliveryRequest.Header> headers = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            headers.add(new DeliveryRequest.Header(keys[i], cipher.decrypt(values[i])));
        }
        return List.copyOf(headers);
    }
}
