package io.hookline.receiver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.hookline.api.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The extra headers a receiver sends, always within one organization; values encrypted at rest. */
@Repository
class ReceiverHeaderRepository {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    ReceiverHeaderRepository(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    List<ReceiverHeader> ofReceivers(Collection<Long> receiverIds) {
        if (receiverIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webhook_receiver_headers where receiver_id in (:ids) order by id")
                .param("ids", receiverIds).query(this::map).list();
    }

    Optional<ReceiverHeader> find(long organizationId, long id) {
        return jdbc.sql("select * from webhook_receiver_headers where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(this::map).optional();
    }

    void replace(long organizationId, long receiverId, List<HeaderRules.Header> headers) {
        jdbc.sql("delete from webhook_receiver_headers where receiver_id = :id").param("id", receiverId).update();
        for (HeaderRules.Header header : headers) {
            insert(organizationId, receiverId, header.key(), header.value());
        }
    }

    ReceiverHeader insert(long organizationId, long receiverId, String key, String value) {
        return jdbc.sql("""
                        insert into webhook_receiver_headers (organization_id, receiver_id, key, value)
                        values (:org, :receiver, :key, :value) returning *
                        """)
                .param("org", organizationId).param("receiver", receiverId).param("key", key)
                .param("value", cipher.encrypt(value))
                .query(this::map).single();
    }

    ReceiverHeader update(long organizationId, long id, String key, String value) {
        return jdbc.sql("""
                        update webhook_receiver_headers set key = :key, value = :value
                        where organization_id = :org and id = :id returning *
                        """)
                .param("org", organizationId).param("id", id).param("key", key).param("value", cipher.encrypt(value))
                .query(this::map).optional()
                .orElseThrow(() -> ApiException.notFound("WebhookReceiverHeader", id));
    }

    void delete(long organizationId, long id) {
        int deleted = jdbc.sql("delete from webhook_receiver_headers where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).update();
        if (deleted != 1) {
            throw ApiException.notFound("WebhookReceiverHeader", id);
        }
    }

    private ReceiverHeader map(ResultSet rs, int rowNum) throws SQLException {
        return new ReceiverHeader(rs.getLong("id"), rs.getLong("receiver_id"), rs.getString("key"),
                cipher.decrypt(rs.getString("value")));
    }

    static List<HeaderRules.Header> asRules(List<ReceiverHeader> headers) {
        List<HeaderRules.Header> rules = new ArrayList<>();
        headers.forEach(h -> rules.add(new HeaderRules.Header(h.key(), h.value())));
        return rules;
    }
}
