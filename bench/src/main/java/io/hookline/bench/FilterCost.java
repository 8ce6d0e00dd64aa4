package io.hookline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scenario 6: what subscription filters cost the fan-out. A backlog of changes to runs (one INSERT
 * of {@code changes} rows, one commit) is fanned out four ways, timed from the commit until the last
 * change is processed:
 * <ol>
 *   <li>no subscription matches (the bench's subscriptions paused): the baseline;</li>
 *   <li>one subscription with no filter, so each change makes one event: the same events as the next;</li>
 *   <li>100 subscriptions to runs, each with a 3-test filter that matches 1 % of the changes (quantity
 *       {@code = k}, status TODO, a title), so each change makes one event;</li>
 *   <li>the same 100 filters matching nothing (quantity {@code = k + 1000}): the evaluation alone.</li>
 * </ol>
 * Rounds alternate the four; the best of each is reported, since other work on the machine only
 * ever slows a round down. Filters are set and removed through the GraphQL API.
 */
final class FilterCost {

    private final DataSource db;
    private final GraphQl api;
    private final Pipeline pipeline;
    private final List<Long> receivers;
    private final List<Long> allBenchReceivers;

    FilterCost(DataSource db, GraphQl api, Pipeline pipeline, List<Long> receivers, List<Long> allBenchReceivers) {
        this.db = db;
        this.api = api;
        this.pipeline = pipeline;
        this.receivers = receivers;
        this.allBenchReceivers = allBenchReceivers;
    }

    Map<String, Object> run(int changes, int rounds, Report report) throws Exception {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        try {
            for (int round = 0; round < rounds; round++) {
                pipeline.activateOnly(List.of(), allBenchReceivers);
                measure("no_subscription_matching", changes, round, rates, events);
                removeFilters(); // the previous round left every subscription filtered
                pipeline.activateOnly(receivers.subList(0, 1), allBenchReceivers);
                measure("one_unfiltered_subscription", changes, round, rates, events);
                pipeline.activateOnly(receivers, allBenchReceivers);
                setFilters(0);
                measure("filters_matching_1pct_each", changes, round, rates, events);
                setFilters(1000);
                measure("filters_matching_nothing", changes, round, rates, events);
            }
        } finally {
            removeFilters();
            pipeline.activateOnly(List.of(), allBenchReceivers);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes_per_round", changes);
        out.put("rounds", rounds);
        out.put("subscriptions", receivers.size());
        rates.forEach((name, list) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("changes_fanned_out_per_second_best", list.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
            one.put("changes_fanned_out_per_second_each_round", list);
            one.put("events_created_last_round", events.get(name));
            out.put(name, one);
        });
        double base = best(rates, "no_subscription_matching");
        double onePct = best(rates, "filters_matching_1pct_each");
        double none = best(rates, "filters_matching_nothing");
        double sameEvents = best(rates, "one_unfiltered_subscription");
        String label = receivers.size() + " subs x 3-test filter, " + changes + " changes";
        report.add("6 filters", label + " matching 1% each: changes fanned out/s vs none matching", onePct, base,
                String.format("%.2fx", onePct / base), ">= 0.8x", onePct >= 0.8 * base ? "met" : "MISSED");
        report.add("6 filters", label + " matching nothing: changes fanned out/s vs none matching", none, base,
                String.format("%.2fx", none / base), "", "");
        // The same events with no filter at all: what the filters themselves cost when each change makes one event.
        report.add("6 filters", label + " matching 1% each vs 1 unfiltered subscription (same events)", onePct,
                sameEvents, String.format("%.2fx", onePct / sameEvents), "", "");
        return out;
    }

    private static double best(Map<String, List<Double>> rates, String name) {
        return rates.get(name).stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }

    private void measure(String name, int changes, int round, Map<String, List<Double>> rates,
                         Map<String, Long> events) throws Exception {
        long afterEvent = pipeline.maxEventId();
        long afterChange = maxChangeId();
        long start;
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into runs (organization_id, title, quantity)
                select ?, ? || '-' || g, g % 100 from generate_series(1, ?) g""")) {
            c.setAutoCommit(false);
            insert.setLong(1, pipeline.organizationId());
            insert.setString(2, "filter-" + name + "-" + round);
            insert.setInt(3, changes);
            insert.executeUpdate();
            start = System.nanoTime();
            c.commit();
        }
        long deadline = start + 300_000_000_000L;
        try (Connection c = db.getConnection(); PreparedStatement left = c.prepareStatement(
                "select count(*) from change_log where id > ?")) {
            left.setLong(1, afterChange);
            while (true) {
                try (ResultSet rs = left.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Fan-out of " + name + " did not finish within 300 s");
                }
                Thread.sleep(10);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(Stats.round(changes / seconds, 1));
        long made = pipeline.maxEventId() - afterEvent;
        events.put(name, made);
        // Deliver what the round made before the next one is timed.
        pipeline.awaitSucceeded(afterEvent, made, System.nanoTime() + 300_000_000_000L);
        System.out.printf("  %s round %d: %.0f changes/s, %d events%n", name, round, changes / seconds, made);
    }

    private long maxChangeId() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select coalesce(max(id), 0) from change_log"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Subscription k gets {quantity = k + offset, status TODO, title set}: with offset 0 it matches 1 %. */
    private void setFilters(int offset) throws Exception {
        List<JsonNode> subscriptions = subscriptions();
        for (int k = 0; k < subscriptions.size(); k++) {
            JsonNode s = subscriptions.get(k);
            Map<String, Object> filter = Map.of("all", List.of(
                    Map.of("field", "quantity", "equals", String.valueOf(k + offset)),
                    Map.of("field", "status", "equals", "TODO"),
                    Map.of("not", Map.of("field", "title", "isNull", true))));
            update(s, filter);
        }
    }

    private void removeFilters() throws Exception {
        for (JsonNode s : subscriptions()) {
            update(s, null);
        }
    }

    private void update(JsonNode subscription, Object filter) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", subscription.get("id").asText());
        input.put("etag", subscription.get("_etag").asText());
        input.put("filter", filter);
        api.call("""
                mutation ($input: UpdateWebhookSubscriptionInput!) {
                  updateWebhookSubscription(input: $input) { webhookSubscription { id } } }""", Map.of("input", input));
    }

    /** The RUNS subscriptions of the healthy bench receivers, as last read. */
    private List<JsonNode> subscriptions() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode edge : api.call("""
                { webhookSubscriptions(first: 100, filters: {resource: RUNS, action: CREATE}) {
                    edges { node { id _etag receiverId } } } }""", Map.of()).at("/webhookSubscriptions/edges")) {
            if (receivers.contains(edge.at("/node/receiverId").asLong())) {
                out.add(edge.get("node"));
            }
        }
        if (out.size() != receivers.size()) {
            throw new IllegalStateException("Expected " + receivers.size() + " subscriptions, found " + out.size());
        }
        return out;
    }
}
