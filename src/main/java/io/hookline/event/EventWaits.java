package io.hookline.event;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/**
 * {@code WebhookEvent.waitingFor}: why an unfinished event is not being sent now, read from the
 * delivery state and the receiver's controls (docs/delivery-controls.md). Null when nothing holds
 * it back but its due time ({@code nextAttemptAt}).
 */
@Controller
class EventWaits {

    private final JdbcClient jdbc;

    EventWaits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @BatchMapping(typeName = "WebhookEvent")
    Map<WebhookEvent, String> waitingFor(List<WebhookEvent> events) {
        Map<Long, String> reasons = reasons(events.stream().map(WebhookEvent::id).toList());
        Map<WebhookEvent, String> byEvent = new HashMap<>();
        events.forEach(e -> byEvent.put(e, reasons.get(e.id())));
        return byEvent;
    }

    private Map<Long, String> reasons(Collection<Long> ids) {
        Map<Long, String> reasons = new HashMap<>();
        jdbc.sql("""
                        select d.event_id,
                               case
                                   when not r.active then 'receiver paused'
                                   when not coalesce(s.active, true) then 'subscription paused'
                                   when row_before.event_id is not null and d.row_key = '*'
                                       then 'waiting for event ' || row_before.event_id || ' (the receiver takes its events in order)'
                                   when row_before.event_id is not null
                                       then 'waiting for event ' || row_before.event_id || ' of the same row'
                                   when d.next_attempt_at <= now() and r.max_requests_per_second is not null
                                        and least(greatest(1, floor(r.max_requests_per_second / 10)),
                                                  b.tokens + r.max_requests_per_second
                                                      * extract(epoch from clock_timestamp() - b.refilled_at)) < 1
                                       then 'rate limited (' || r.max_requests_per_second || ' requests per second)'
                               end as reason
                        from webhook_deliveries d
                        join webhook_receivers r on r.id = d.receiver_id
                        left join webhook_subscriptions s on s.id = d.subscription_id
                        left join receiver_rate_buckets b on b.receiver_id = d.receiver_id
                        left join lateral (select e.event_id from webhook_deliveries e
                                           where e.receiver_id = d.receiver_id and e.row_key = d.row_key
                                             and e.event_id < d.event_id and e.status in ('PENDING', 'RETRYING')
                                           order by e.event_id desc limit 1) row_before on true
                        where d.event_id = any (cast(:ids as bigint[])) and d.status in ('PENDING', 'RETRYING')
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    reasons.put(rs.getLong("event_id"), rs.getString("reason"));
                });
        return reasons;
    }
}
