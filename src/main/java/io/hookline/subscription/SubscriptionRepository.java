package io.hookline.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.hookline.api.ApiException;
import io.hookline.db.EtagGuard;
import io.hookline.query.Connection;
import io.hookline.query.KeysetPaginator;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

    private static final String LABEL = "WebhookSubscription";

    private final JdbcClient jdbc;
    private final KeysetPaginator paginator;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.paginator = new KeysetPaginator(jdbc);
    }

    WebhookSubscription insert(long organizationId, long receiverId, String resource, String action, boolean active,
                               SubscriptionFilters.Compiled filter, long createdBy) {
        try {
            return jdbc.sql("""
                            insert into webhook_subscriptions (organization_id, receiver_id, resource, action, active,
                                                               filter, filter_path, filter_key, created_by)
                            values (:org, :receiver, :resource, :action, :active, cast(:filter as jsonb),
                                    cast(:filterPath as jsonpath), cast(:filterKey as jsonb), :createdBy)
                            returning *
                            """)
                    .param("org", organizationId).param("receiver", receiverId).param("resource", resource)
                    .param("action", action).param("active", active)
                    .param("filter", filter == null ? null : filter.json())
                    .param("filterPath", filter == null ? null : filter.path())
                    .param("filterKey", filter == null ? null : filter.key()).param("createdBy", createdBy)
                    .query(SubscriptionRepository::map).single();
        } catch (DuplicateKeyException e) {
            throw duplicate(receiverId, resource, action);
        }
    }

    Optional<WebhookSubscription> find(long organizationId, long id) {
        return jdbc.sql("select * from webhook_subscriptions where organization_id = :org and id = :id")
                .param("org", organizationId).param("id", id).query(SubscriptionRepository::map).optional();
    }

    Map<Long, WebhookSubscription> byIds(long organizationId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, WebhookSubscription> found = new LinkedHashMap<>();
        jdbc.sql("select * from webhook_subscriptions where organization_id = :org and id in (:ids)")
                .param("org", organizationId).param("ids", ids).query(SubscriptionRepository::map).list()
                .forEach(s -> found.put(s.id(), s));
        return found;
    }

    List<WebhookSubscription> byReceivers(Collection<Long> receiverIds) {
        if (receiverIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from webhook_subscriptions where receiver_id in (:ids) order by id")
                .param("ids", receiverIds).query(SubscriptionRepository::map).list();
    }

    Connection<WebhookSubscription> page(SqlFilter filter, SortKey sort, SortDirection direction, PageArgs page) {
        return paginator.page("*", "webhook_subscriptions", "id", filter, sort, direction, page,
                SubscriptionRepository::map);
    }

    /** Columns written through a cast from text. */
    private static final Map<String, String> CASTS = Map.of("filter", "jsonb", "filter_path", "jsonpath", "filter_key", "jsonb");

    /** Puts a filter change (null: remove the filter) into the changes of {@link #update}. */
    static void putFilter(Map<String, Object> changes, SubscriptionFilters.Compiled filter) {
        changes.put("filter", filter == null ? null : filter.json());
        changes.put("filter_path", filter == null ? null : filter.path());
        changes.put("filter_key", filter == null ? null : filter.key());
    }

    WebhookSubscription update(long organizationId, long id, String etag, Map<String, Object> changes) {
        Map<String, Object> params = new LinkedHashMap<>(changes);
        params.put("org", organizationId);
        params.put("id", id);
        params.put("expected_etag", etag);
        // Read first: after a unique violation the transaction accepts no further query.
        WebhookSubscription current = find(organizationId, id)
                .orElseThrow(() -> ApiException.notFound(LABEL, id));
        try {
            return EtagGuard.written(jdbc.sql(EtagGuard.updateStatement("webhook_subscriptions", changes,
                                    (column, value) -> CASTS.containsKey(column)
                                            ? "cast(:" + column + " as " + CASTS.get(column) + ")" : ":" + column))
                    .params(params).query(SubscriptionRepository::map).optional(), LABEL, id, exists(organizationId, id));
        } catch (DuplicateKeyException e) {
            throw duplicate(current.receiverId(), (String) changes.getOrDefault("resource", current.resource()),
                    (String) changes.getOrDefault("action", current.action()));
        }
    }

    void delete(long organizationId, long id, String etag) {
        int deleted = jdbc.sql("delete from webhook_subscriptions where organization_id = :org and id = :id and etag = :etag")
                .param("org", organizationId).param("id", id).param("etag", etag).update();
        EtagGuard.writtenOnce(deleted, LABEL, id, exists(organizationId, id));
    }

    private BooleanSupplier exists(long organizationId, long id) {
        return () -> find(organizationId, id).isPresent();
    }

    private static ApiException duplicate(long receiverId, String resource, String action) {
        return ApiException.conflict("Receiver " + receiverId + " already has a subscription to " + resource + " "
                + action);
    }

    private static WebhookSubscription map(ResultSet rs, int rowNum) throws SQLException {
        return new WebhookSubscription(rs.getLong("id"), rs.getLong("organization_id"), rs.getLong("receiver_id"),
                rs.getString("resource"), rs.getString("action"), rs.getBoolean("active"), rs.getString("filter"),
                KeysetPaginator.nullableLong(rs, "created_by"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("etag"));
    }
}
