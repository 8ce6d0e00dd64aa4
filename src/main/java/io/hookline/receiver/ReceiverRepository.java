package io.hookline.receiver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.hookline.db.EtagGuard;
import io.hookline.delivery.DeliveryRequest.ContentType;
import io.hookline.query.Connection;
import io.hookline.query.KeysetPaginator;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Receivers and their headers, always within one organization; secrets encrypted on the way in. */
@Repository
class ReceiverRepository {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final KeysetPaginator paginator;
    private final RowMapper<WebhookReceiver> receiverMapper;

    ReceiverRepository(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.paginator = new KeysetPaginator(jdbc);
        this.receiverMapper = this::mapReceiver;
    }

    record NewReceiver(String name, String description, String webhookUri, String sharedSecret,
                       ContentType contentType, int expectedResponseCode, boolean active,
                       byte[] relayTokenHash, DeliveryControls controls) {

        boolean relay() {
            return relayTokenHash != null;
        }
    }

    WebhookReceiver insert(long organizationId, Long createdBy, NewReceiver r) {
        return jdbc.sql("""
                        insert into webhook_receivers (organization_id, name, description, webhook_uri, shared_secret,
                            content_type, expected_response_code, active, created_by, relay, relay_token_hash,
                            ordering, max_concurrency, max_requests_per_second)
                        values (:org, :name, :description, :uri, :secret, :contentType, :code, :active, :createdBy,
                                :relay, :relayTokenHash, :ordering, :maxConcurrency, :maxRate)
                        returning *
                        """)
                .param("org", organizationId).param("name", r.name()).param("description", r.description())
                .param("uri", r.webhookUri()).param("secret", cipher.encrypt(r.sharedSecret()))
                .param("contentType", r.contentType().name()).param("code", r.expectedResponseCode())
                .param("active", r.active()).param("createdBy", createdBy)
                .param("relay", r.relay()).param("relayTokenHash", r.relayTokenHash())
                .param("ordering", r.controls().ordering().name())
                .param("maxConcurrency", r.controls().maxConcurrency())
                .param("maxRate", r.controls().maxRequestsPerSecond())
                .query(receiverMapper).single();
    }

    /** The relay receiver whose token has this hash, in any organization: the token names it alone. */
    Optional<WebhookReceiver> findByRelayTokenHash(byte[] hash) {
        return jdbc.sql("select * from webhook_receivers where relay and relay_token_hash = :hash")
                .param("hash", hash).query(receiverMapper).optional();
    }

    Optional<WebhookReceiver> find(long organizationId, long id) {
        return jdbc.sql("select * from webhook_receivers where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(receiverMapper).optional();
    }

    List<WebhookReceiver> findAll(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webhook_receivers where organization_id = :org and id in (:ids)")
                .param("org", organizationId).param("ids", ids).query(receiverMapper).list();
    }

    Connection<WebhookReceiver> page(SqlFilter filter, SortKey sort, SortDirection direction, PageArgs page) {
        return paginator.page("*", "webhook_receivers", "id", filter, sort, direction, page, receiverMapper);
    }

    /**
     * Applies the given column changes if the etag still matches, and gives the receiver a new
     * etag. {@code changes} maps column names (never user input) to values.
     */
    WebhookReceiver update(long organizationId, long id, String etag, Map<String, Object> changes) {
        Map<String, Object> params = new LinkedHashMap<>();
        changes.forEach((column, value) ->
                params.put(column, column.equals("shared_secret") && value != null ? cipher.encrypt((String) value) : value));
        params.put("org", organizationId);
        params.put("id", id);
        params.put("expected_etag", etag);
        return written(jdbc.sql(EtagGuard.updateStatement("webhook_receivers", changes, (column, value) -> ":" + column))
                .params(params).query(receiverMapper).optional(), organizationId, id);
    }

    /** Bumps the etag when something owned by the receiver (a header) changes. */
    void touch(long organizationId, long id, String etag) {
        update(organizationId, id, etag, Map.of());
    }

    /** Rotates the secret: the old one keeps signing until {@code overlapUntil}. */
    WebhookReceiver rotateSecret(long organizationId, long id, String etag, String newSecret,
                                 OffsetDateTime overlapUntil) {
        return written(jdbc.sql("""
                        update webhook_receivers
                        set previous_secret = shared_secret, previous_secret_expires_at = :until,
                            shared_secret = :secret, etag = new_etag(), updated_at = now()
                        where organization_id = :org and id = :id and etag = :etag
                        returning *
                        """)
                .param("until", overlapUntil).param("secret", cipher.encrypt(newSecret))
                .param("org", organizationId).param("id", id).param("etag", etag)
                .query(receiverMapper).optional(), organizationId, id);
    }

    void delete(long organizationId, long id, String etag) {
        // Its subscriptions go with it (cascade); its events stay in the audit trail, and those
        // still waiting to be sent are canceled: there is nowhere left to send them.
        jdbc.sql("""
                        update webhook_deliveries set status = 'CANCELED', completed_at = now(), claim_token = null,
                            leased_until = null
                        where receiver_id = :id and status in ('PENDING', 'RETRYING')
                          and exists (select 1 from webhook_receivers
                                      where id = :id and organization_id = :org and etag = :etag)
                        """)
                .param("org", organizationId).param("id", id).param("etag", etag).update();
        int deleted = jdbc.sql("delete from webhook_receivers where organization_id = :org and id = :id and etag = :etag")
                .param("org", organizationId).param("id", id).param("etag", etag).update();
        EtagGuard.writtenOnce(deleted, "WebhookReceiver", id, () -> find(organizationId, id).isPresent());
    }

    private WebhookReceiver written(Optional<WebhookReceiver> row, long organizationId, long id) {
        return EtagGuard.written(row, "WebhookReceiver", id, () -> find(organizationId, id).isPresent());
    }

    private WebhookReceiver mapReceiver(ResultSet rs, int rowNum) throws SQLException {
        return new WebhookReceiver(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("name"),
                rs.getString("description"), rs.getString("webhook_uri"), cipher.decrypt(rs.getString("shared_secret")),
                ContentType.valueOf(rs.getString("content_type")), rs.getInt("expected_response_code"),
                rs.getBoolean("active"),
                new WebhookReceiver.Health(rs.getInt("consecutive_failures"),
                        rs.getObject("failing_since", OffsetDateTime.class),
                        rs.getObject("last_success_at", OffsetDateTime.class),
                        rs.getObject("last_failure_at", OffsetDateTime.class), rs.getString("disabled_reason")),
                KeysetPaginator.nullableLong(rs, "created_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("etag"), rs.getBoolean("relay"),
                new DeliveryControls(DeliveryControls.Ordering.valueOf(rs.getString("ordering")),
                        rs.getInt("max_concurrency"), rs.getObject("max_requests_per_second", Double.class)));
    }
}
