package io.hookline.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.hookline.delivery.DeliveryStatus;
import io.hookline.query.Connection;
import io.hookline.query.KeysetPaginator;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads over the audit trail. */
@Repository
class EventRepository {

    private final JdbcClient jdbc;
    private final KeysetPaginator paginator;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.paginator = new KeysetPaginator(jdbc);
    }

    Optional<WebhookEvent> find(long organizationId, long id) {
        return jdbc.sql("select * from webhook_events where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(EventRepository::map).optional();
    }

    Connection<WebhookEvent> page(SqlFilter filter, SortKey sort, SortDirection direction, PageArgs page) {
        return paginator.page("*", "webhook_events", "id", filter, sort, direction, page, EventRepository::map);
    }

    /** The newest events of each subscription, at most {@code limit} each. */
    List<WebhookEvent> latestBySubscriptions(Collection<Long> subscriptionIds, int limit) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select e.* from unnest(cast(:ids as bigint[])) as s(id)
                        cross join lateral (
                            select * from webhook_events where subscription_id = s.id order by id desc limit :limit
                        ) e
                        """)
                .param("ids", subscriptionIds.toArray(Long[]::new)).param("limit", limit)
                .query(EventRepository::map).list();
    }

    List<DeliveryAttempt> attempts(Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webhook_attempts where event_id in (:ids) order by event_id, number")
                .param("ids", eventIds).query(EventRepository::mapAttempt).list();
    }

    static WebhookEvent map(ResultSet rs, int rowNum) throws SQLException {
        return new WebhookEvent(rs.getLong("id"), rs.getLong("organization_id"),
                KeysetPaginator.nullableLong(rs, "subscription_id"), KeysetPaginator.nullableLong(rs, "receiver_id"),
                rs.getString("resource"), rs.getString("action"), KeysetPaginator.nullableLong(rs, "transaction_id"),
                rs.getBoolean("test"), rs.getString("body"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempt_count"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getObject("occurred_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("completed_at", OffsetDateTime.class));
    }

    private static DeliveryAttempt mapAttempt(ResultSet rs, int rowNum) throws SQLException {
        return new DeliveryAttempt(rs.getLong("event_id"), rs.getInt("number"),
                rs.getString("trigger"), rs.getObject("started_at", OffsetDateTime.class), rs.getInt("duration_ms"),
                rs.getObject("response_status", Integer.class), rs.getString("response_headers"), rs.getString("response_body"),
                rs.getString("error_kind"), rs.getString("error"), rs.getString("request_url"),
                rs.getString("request_headers"), null);
    }
}
