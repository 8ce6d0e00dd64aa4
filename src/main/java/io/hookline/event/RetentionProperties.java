package io.hookline.event;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit trail is kept.
 *
 * @param maxAge   finished events (with their attempts) older than this are
 *                 deleted; default 30 days
 * @param interval how often the pruning runs; default 1 h
 */
@ConfigurationProperties("hookline.retention")
public record RetentionProperties(@DefaultValue("30d") Duration maxAge, @DefaultValue("1h") Duration interval) {

    public RetentionProperties {
        if (maxAge.isNegative() || maxAge.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("hookline.retention.max-age and interval must be positive durations");
        }
    }
}
