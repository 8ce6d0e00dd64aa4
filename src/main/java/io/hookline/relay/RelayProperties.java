package io.hookline.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How relay clients are served (docs/relay.md).
 *
 * @param lease    how long an event handed to a relay client is reserved for it; not answered within this, the
 *                 event is due again and may go to another client. Must exceed the client's forward timeout
 *                 (15 s); default 1 min
 * @param maxWait  the longest a poll is held open while nothing is due; a client asking for longer gets this;
 *                 default 25 s
 * @param maxBatch the most events one poll hands out; default 50
 */
@Validated
@ConfigurationProperties("hookline.relay")
public record RelayProperties(
        @DefaultValue("1m") Duration lease,
        @DefaultValue("25s") Duration maxWait,
        @DefaultValue("50") int maxBatch) {

    public RelayProperties {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("hookline.relay.lease must be a positive duration");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("hookline.relay.max-wait must not be negative");
        }
        if (maxBatch < 1 || maxBatch > 1000) {
            throw new IllegalArgumentException("hookline.relay.max-batch must be between 1 and 1000");
        }
    }

    /** A receiver counts as connected while a poll of its relay client was seen within this. */
    Duration presenceWindow() {
        return maxWait.plusSeconds(20);
    }
}
