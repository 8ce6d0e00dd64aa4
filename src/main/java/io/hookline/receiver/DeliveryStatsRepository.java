package io.hookline.receiver;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Receivers' tries per interval, read from the audit trail (docs/console.md). */
@Repository
class DeliveryStatsRepository {

    /** One interval of WebhookDeliveryInterval. */
    record DeliveryInterval(OffsetDateTime start, int succeeded, int failed, Integer p95DurationMs) {
    }

    private final JdbcClient jdbc;

    DeliveryStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every interval of the window for each of the organization's receivers among {@code receiverIds},
     * in one query however many receivers a page lists. A receiver of another organization gets none.
     * Only events that can have a try in the window are read (see V110): those still due and those
     * finished since the window began; their tries are found through the (event_id, number) index.
     */
    Map<Long, List<DeliveryInterval>> intervals(long organizationId, Collection<Long> receiverIds,
                                                DeliveryWindow window, Instant now) {
        Instant first = window.firstStart(now);
        Map<Long, List<DeliveryInterval>> byReceiver = new HashMap<>();
        jdbc.sql("""
                        with receivers as (
                            select id from webhook_receivers where organization_id = :org and id in (:ids)
                        ), events as (
                            select d.event_id, d.receiver_id from webhook_deliveries d
                            where d.receiver_id in (:ids) and d.status not in ('PENDING', 'RETRYING')
                              and d.completed_at >= :first
                            union all
                            select d.event_id, d.receiver_id from webhook_deliveries d
                            where d.receiver_id in (:ids) and d.status in ('PENDING', 'RETRYING')
                        ), tries as (
                            select e.receiver_id, date_bin(make_interval(mins => :minutes), a.started_at, :first) as start,
                                   count(*) filter (where a.error_kind is null) as succeeded,
                                   count(*) filter (where a.error_kind is not null) as failed,
                                   percentile_disc(0.95) within group (order by a.duration_ms) as p95
                            from events e join webhook_attempts a on a.event_id = e.event_id
                            where a.started_at >= :first and a.started_at < :until
                            group by 1, 2
                        )
                        select r.id, s.start, coalesce(t.succeeded, 0) as succeeded, coalesce(t.failed, 0) as failed, t.p95
                        from receivers r
                        cross join generate_series(:first, :last, make_interval(mins => :minutes)) s(start)
                        left join tries t on t.receiver_id = r.id and t.start = s.start
                        order by r.id, s.start
                        """)
                .param("org", organizationId)
                .param("ids", receiverIds)
                .param("minutes", window.intervalMinutes())
                .param("first", utc(first))
                .param("last", utc(first.plus(window.step().multipliedBy(window.intervals() - 1L))))
                .param("until", utc(first.plus(window.step().multipliedBy(window.intervals()))))
                .query(rs -> {
                    byReceiver.computeIfAbsent(rs.getLong("id"), id -> new ArrayList<>()).add(new DeliveryInterval(
                            rs.getObject("start", OffsetDateTime.class), rs.getInt("succeeded"), rs.getInt("failed"),
                            rs.getObject("p95", Integer.class)));
                });
        return byReceiver;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
