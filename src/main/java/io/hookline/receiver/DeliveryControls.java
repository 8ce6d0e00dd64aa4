package io.hookline.receiver;

import java.util.Map;

import io.hookline.api.ApiException;

/**
 * How Hookline paces deliveries to one receiver, across every process sharing the database
 * (docs/delivery-controls.md).
 *
 * @param ordering             whether events go out one at a time, per row or over the whole receiver
 * @param maxConcurrency       requests in flight to the receiver at once, 1 to {@value #MAX_CONCURRENCY}
 * @param maxRequestsPerSecond the most requests per second, or null for no limit
 */
public record DeliveryControls(Ordering ordering, int maxConcurrency, Double maxRequestsPerSecond) {

    /** The highest {@code maxConcurrency}; the HTTP client's connections per route follow it. */
    public static final int MAX_CONCURRENCY = 64;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final DeliveryControls DEFAULTS = new DeliveryControls(Ordering.NONE, DEFAULT_CONCURRENCY, null);

    public enum Ordering { NONE, PER_ROW, ALL }

    /** The given fields checked, the others from {@code current}. */
    static DeliveryControls of(DeliveryControls current, Ordering ordering, Integer maxConcurrency,
                               Double maxRequestsPerSecond, boolean rateGiven) {
        if (maxConcurrency != null && (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY)) {
            throw ApiException.badInput("maxConcurrency must be between 1 and " + MAX_CONCURRENCY + ", not "
                    + maxConcurrency);
        }
        if (maxRequestsPerSecond != null && (!(maxRequestsPerSecond > 0) || maxRequestsPerSecond.isInfinite())) {
            throw ApiException.badInput("maxRequestsPerSecond must be positive (or null for no limit), not "
                    + maxRequestsPerSecond);
        }
        return new DeliveryControls(ordering == null ? current.ordering() : ordering,
                maxConcurrency == null ? current.maxConcurrency() : maxConcurrency,
                rateGiven ? maxRequestsPerSecond : current.maxRequestsPerSecond());
    }

    /** The columns an update changes: each given field, checked; {@code rateGiven} lets a null rate remove the limit. */
    static void putChanges(Ordering ordering, Integer maxConcurrency, Double maxRequestsPerSecond, boolean rateGiven,
                           Map<String, Object> changes) {
        DeliveryControls given = of(DEFAULTS, ordering, maxConcurrency, maxRequestsPerSecond, rateGiven);
        if (ordering != null) {
            changes.put("ordering", given.ordering().name());
        }
        if (maxConcurrency != null) {
            changes.put("max_concurrency", given.maxConcurrency());
        }
        if (rateGiven) {
            changes.put("max_requests_per_second", given.maxRequestsPerSecond());
        }
    }
}
