package io.hookline.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.hookline.config.HooklineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes finished events past their retention, a slice at a time so no statement holds locks for
 * long. Events still waiting to be delivered are never pruned. Changes need no pruning: the
 * fan-out deletes each as it turns it into events.
 */
@Component
class RetentionPruner {

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
    private static final int SLICE = 5_000;

    private final JdbcClient jdbc;
    private final RetentionProperties retention;
    private final HooklineProperties hookline;
    private final Clock clock;

    RetentionPruner(JdbcClient jdbc, RetentionProperties retention, HooklineProperties hookline, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.hookline = hookline;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${hookline.retention.interval:1h}", fixedDelayString = "${hookline.retention.interval:1h}")
    void scheduled() {
        if (hookline.runsWorker()) {
            prune();
        }
    }

    /** Returns how many events were deleted. */
    long prune() {
        Instant cutoff = clock.instant().minus(retention.maxAge());
        // Only events created before the cutoff can have finished before it; the payloads' block-range
        // index finds them without reading the live part of the table. An event goes whole, in one
        // statement: its delivery row (only if still finished: a retry may have reopened it since the
        // slice was chosen), its attempts, a relay client's pending request and the payload.
        long events = deleteInSlices("""
                with chosen as (
                    select p.id from webhook_event_payloads p
                    join webhook_deliveries d on d.event_id = p.id
                    where p.created_at < :cutoff and d.completed_at < :cutoff
                    limit :slice),
                deliveries as (
                    delete from webhook_deliveries d using chosen
                    where d.event_id = chosen.id and d.completed_at < :cutoff
                    returning d.event_id),
                attempts as (
                    delete from webhook_attempts a using deliveries where a.event_id = deliveries.event_id),
                relay_requests as (
                    delete from webhook_relay_requests r using deliveries where r.event_id = deliveries.event_id)
                delete from webhook_event_payloads p using deliveries where p.id = deliveries.event_id
                """, cutoff);
        if (events > 0) {
            log.info("Pruned {} events older than {}", events, retention.maxAge());
        }
        return events;
    }

    private long deleteInSlices(String sql, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).param("slice", SLICE).update();
            total += deleted;
        } while (deleted == SLICE);
        return total;
    }
}
