package io.hookline.bench;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * What every scenario shares: the bench receivers, the one Hookline and its database, the receivers
 * created in it, and the figures and table of the run. Everything it starts is stopped by {@link #stopAll()}.
 */
final class Bench {

    static final int HEALTHY_RECEIVERS = 100;

    final Settings settings;
    final Map<String, Object> results = new LinkedHashMap<>();
    final Report report = new Report();
    /** The Hookline processes doing delivery work now. */
    final List<Hookline> workers = new ArrayList<>();
    final List<Long> receiverIds = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final String encryptionKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    BenchReceiver receiver;
    Hookline hookline;
    String jdbcUrl;
    HikariDataSource db;
    Pipeline pipeline;
    DatabaseCost dbCost;
    Changes changes;
    GraphQl api;
    long hangingId;
    long failingId;
    String template;
    String templateTitle;

    Bench(Settings settings) {
        this.settings = settings;
    }

    /** Keeps {@code resource} to stop with the rest, and returns it. */
    synchronized <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    synchronized void stopAll() {
        for (AutoCloseable c : running.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("Stopping " + c + " failed: " + e);
            }
        }
        running.clear();
    }

    void openReceivers() throws Exception {
        receiver = keep(new BenchReceiver(HEALTHY_RECEIVERS, Duration.ofSeconds(20)));
    }

    /** Starts Hookline (API and worker) on its embedded database or the one given, and connects to that database. */
    void startHookline() throws Exception {
        log("Starting Hookline");
        hookline = keep(Hookline.start(settings.java(), settings.hooklineJar(), settings.workDir(), "hookline-1",
                freePort(), encryptionKey, settings.jdbcUrl(), true, true));
        workers.add(hookline);
        jdbcUrl = settings.jdbcUrl() != null ? settings.jdbcUrl() : hookline.embeddedJdbcUrl();
        results.put("database", settings.jdbcUrl() != null ? "external" : "embedded PostgreSQL (fsync on)");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(24); // as Hookline's pool
        db = keep(new HikariDataSource(pool));
        pipeline = new Pipeline(db);
        dbCost = new DatabaseCost(db);
        changes = new Changes(db, pipeline.organizationId());
        api = new GraphQl(hookline.port, settings.apiKey() != null ? settings.apiKey() : hookline.apiKey());
    }

    /** A second Hookline process, worker only, on the same database; counted among the workers until stopped. */
    Hookline startWorker(String name) throws Exception {
        Hookline worker = keep(Hookline.start(settings.java(), settings.hooklineJar(), settings.workDir(), name,
                freePort(), encryptionKey, jdbcUrl, false, true));
        workers.add(worker);
        return worker;
    }

    synchronized void stopWorker(Hookline worker) {
        workers.remove(worker);
        running.remove(worker);
        worker.close();
    }

    void setUpReceivers() throws Exception {
        log("Creating " + (HEALTHY_RECEIVERS + 2) + " receivers and subscriptions through GraphQL");
        try (var calls = Executors.newFixedThreadPool(8)) {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < HEALTHY_RECEIVERS; i++) {
                int n = i;
                ids.add(calls.submit(() -> api.createSubscribedReceiver("bench-" + n, receiver.url(n))));
            }
            for (var id : ids) {
                receiverIds.add(id.get());
            }
        }
        hangingId = api.createSubscribedReceiver("bench-hanging", receiver.url(receiver.hangingReceiver()));
        failingId = api.createSubscribedReceiver("bench-failing", receiver.url(receiver.failingReceiver()));
        // Warm up and take a real body as the template for the baselines and the backlog.
        activate(1, false);
        long after = pipeline.maxEventId();
        changes.insertInBatches("warmup", 500, 100);
        pipeline.awaitSucceeded(after, 500, deadline(60));
        template = pipeline.firstBody(after);
        templateTitle = Arrivals.titleOf(template.getBytes());
        receiver.drain();
        results.put("payload_bytes", template.length());
    }

    List<Long> allBenchReceivers() {
        List<Long> all = new ArrayList<>(receiverIds);
        all.add(hangingId);
        all.add(failingId);
        return all;
    }

    /** Only the first {@code healthy} bench receivers' subscriptions are on, and the bad ones' if asked. */
    void activate(int healthy, boolean withBadOnes) throws Exception {
        List<Long> active = new ArrayList<>(receiverIds.subList(0, healthy));
        if (withBadOnes) {
            active.add(hangingId);
            active.add(failingId);
        }
        pipeline.activateOnly(active, allBenchReceivers());
    }

    void write() throws Exception {
        Files.createDirectories(settings.output().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.output().toFile(), results);
        System.out.println("Figures written to " + settings.output());
    }

    static String ratio(double a, double b) {
        return b > 0 && !Double.isNaN(a) ? String.format("%.2fx", a / b) : "";
    }

    static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    static long deadline(int seconds) {
        return System.nanoTime() + seconds * 1_000_000_000L;
    }

    static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void log(String message) {
        System.out.printf("[%s] %s%n", java.time.LocalTime.now().withNano(0), message);
    }
}
