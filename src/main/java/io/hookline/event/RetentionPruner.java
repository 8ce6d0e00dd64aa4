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
 * Deletes finished events and processed changes past their retention, a slice at a time so no
 * statement holds locks for long. Events still waiting to be delivered are never pruned.
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

    /** Returns how many events and changes were deleted. */
    long prune() {
        Instant cutoff = clock.instant().minus(retention.maxAge());
        long events = deleteInSlices("""
                delete from webhook_events where id in (
                    select id from webhook_events where completed_at < :cutoff limit :slice)
                """, cutoff);
        long changes = deleteInSlices("""
                delete from change_log where id in (
                    select id from change_log where processed_at < :cutoff limit :slice)
                """, cutoff);
        if (events + changes > 0) {
            log.info("Pruned {} events and {} changes older than {}", events, changes, retention.maxAge());
        }
        return events + changes;
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
