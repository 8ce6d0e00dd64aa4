package io.hookline.receiver;

import java.time.Duration;
import java.time.Instant;

import io.hookline.api.ApiException;

/**
 * The intervals of WebhookReceiver.deliveryStats (docs/console.md): {@code hours} back from now in
 * steps of {@code intervalMinutes}. Intervals start at whole multiples of their length since midnight
 * UTC, so hourly ones start on the hour and two charts drawn a minute apart line up.
 */
record DeliveryWindow(int hours, int intervalMinutes) {

    static final int MAX_HOURS = 168;
    static final int MAX_INTERVALS = 1440;
    private static final int MINUTES_PER_DAY = 1440;

    /** Checks the arguments as given; a problem is BAD_USER_INPUT naming the argument. */
    static DeliveryWindow of(Integer hours, Integer intervalMinutes) {
        if (hours == null || hours < 1 || hours > MAX_HOURS) {
            throw ApiException.badInput("hours must be between 1 and " + MAX_HOURS + ", got " + hours);
        }
        if (intervalMinutes == null || intervalMinutes < 1 || intervalMinutes > MINUTES_PER_DAY) {
            throw ApiException.badInput("intervalMinutes must be between 1 and " + MINUTES_PER_DAY + ", got " + intervalMinutes);
        }
        if (MINUTES_PER_DAY % intervalMinutes != 0 || hours * 60 % intervalMinutes != 0) {
            throw ApiException.badInput("intervalMinutes must divide a day (1440) and hours × 60 (" + hours * 60
                    + ") evenly, got " + intervalMinutes);
        }
        DeliveryWindow window = new DeliveryWindow(hours, intervalMinutes);
        if (window.intervals() > MAX_INTERVALS) {
            throw ApiException.badInput("intervalMinutes " + intervalMinutes + " makes " + window.intervals()
                    + " intervals in " + hours + " hours, at most " + MAX_INTERVALS + " are allowed");
        }
        return window;
    }

    int intervals() {
        return hours * 60 / intervalMinutes;
    }

    Duration step() {
        return Duration.ofMinutes(intervalMinutes);
    }

    /** Where the first interval starts, when the last one holds {@code now}. */
    Instant firstStart(Instant now) {
        long stepSeconds = step().toSeconds();
        long current = Math.floorDiv(now.getEpochSecond(), stepSeconds) * stepSeconds;
        return Instant.ofEpochSecond(current - (intervals() - 1L) * stepSeconds);
    }
}
