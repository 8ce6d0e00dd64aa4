package io.hookline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Hookline process started from the jar, with its output in a log file. Its pid (and that of the
 * embedded PostgreSQL it starts) is written to {@code pids/} so that bench/run can kill both even if
 * this harness dies.
 */
final class Hookline implements AutoCloseable {

    final Process process;
    final Path dataDir;
    final Path log;
    final int port;
    private final Path pidDir;

    private Hookline(Process process, Path dataDir, Path log, int port, Path pidDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.pidDir = pidDir;
    }

    static Hookline start(String java, Path jar, Path workDir, String name, int port, String encryptionKey,
                          String jdbcUrl, boolean apiRole, boolean workerRole) throws Exception {
        Path dataDir = workDir.resolve(name);
        Files.createDirectories(dataDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(),
                "--hookline.data-dir=" + dataDir,
                "--server.port=" + port,
                "--hookline.encryption-key=" + encryptionKey,
                "--hookline.egress.allow-http=true",
                "--hookline.egress.allowed-cidrs=127.0.0.1/32"));
        if (jdbcUrl != null) {
            command.add("--spring.datasource.url=" + jdbcUrl);
        }
        List<String> roles = new ArrayList<>();
        if (apiRole) {
            roles.add("api");
        }
        if (workerRole) {
            roles.add("worker");
        }
        command.add("--hookline.roles=" + String.join(",", roles));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path pidDir = workDir.resolve("pids");
        Files.createDirectories(pidDir);
        Files.writeString(pidDir.resolve(name + ".java"), Long.toString(process.pid()));
        Hookline hookline = new Hookline(process, dataDir, log, port, pidDir);
        hookline.awaitHealthy(Duration.ofSeconds(600));
        postmasterPid(dataDir).ifPresent(pid -> {
            try {
                Files.writeString(pidDir.resolve(name + ".postgres"), Long.toString(pid));
            } catch (IOException ignored) {
                // bench/run also looks for postmaster.pid files
            }
        });
        return hookline;
    }

    private void awaitHealthy(Duration limit) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hookline exited during startup; see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Hookline was not healthy within " + limit + "; see " + log);
    }

    /**
     * The JDBC URL of the embedded database this process started: its port from the server's
     * postmaster.pid (fourth line), its generated password from the data directory.
     */
    String embeddedJdbcUrl() throws IOException {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        String port = pidFile.get(3).trim();
        String password = Files.readString(dataDir.resolve("postgres-password")).trim();
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    String apiKey() throws IOException {
        return Files.readString(dataDir.resolve("bootstrap-api-key")).trim();
    }

    long pid() {
        return process.pid();
    }

    /** VmRSS and VmHWM (peak) of the process in KiB, from /proc; -1 when unreadable. */
    long[] memoryKib() {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // process ended
        }
        return new long[] {rss, hwm};
    }

    /** CPU time (user + system) this process used so far, in ms. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime at 100 ticks/s
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** This process's own count of delivery attempts, from its Prometheus endpoint; NaN when unreadable. */
    double deliveryAttempts() {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().lines().filter(l -> l.startsWith("hookline_delivery_attempts_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    /** SIGTERM (Hookline then stops its PostgreSQL), SIGKILL after 40 s, then any postmaster left behind. */
    @Override
    public void close() {
        Optional<Long> postmaster = postmasterPid(dataDir);
        process.destroy();
        try {
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        postmaster.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
            p.destroy();
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                p.destroyForcibly();
                return p;
            }).join();
        });
    }
}
