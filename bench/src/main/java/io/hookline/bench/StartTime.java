package io.hookline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Start time: from the process start to {@code /actuator/health} answering UP, on the embedded
 * PostgreSQL with a data directory that already exists (the second start of a server, not its
 * first). Measures {@code java -jar}, {@code java -jar} with the AOT cache the build trained (when
 * {@code target/app/hookline.aot} exists, from {@code ./mvnw -Paot-cache package}) and {@code spring-boot:run}, a few times each, and prints the
 * median and every run.
 *
 * <pre>java -cp bench/target/hookline-bench.jar io.hookline.bench.StartTime [--runs N] [--no-maven]</pre>
 */
public final class StartTime {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private StartTime() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        int runs = options.contains("--runs") ? Integer.parseInt(options.get(options.indexOf("--runs") + 1)) : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target/hookline-" + version() + ".jar").toAbsolutePath();
        // The AOT cache needs the jar extracted (classes from nested jars are not cached): ./mvnw -Paot-cache package.
        Path extracted = Path.of("target/app/hookline-" + version() + ".jar").toAbsolutePath();
        Path aot = Path.of("target/app/hookline.aot").toAbsolutePath();
        Path dataDir = Files.createTempDirectory("hookline-start-time");

        // The first start creates the database; it is not what is measured.
        IntFunction<List<String>> plain = port -> concat(List.of(java, "-jar", jar.toString()), arguments(port, dataDir));
        measure(plain);
        Map<String, List<Long>> results = new LinkedHashMap<>();
        results.put("java -jar", times(runs, plain));
        if (Files.exists(aot)) {
            results.put("java -XX:AOTCache -jar", times(runs, port -> concat(
                    List.of(java, "-XX:AOTCache=" + aot, "-jar", extracted.toString()), arguments(port, dataDir))));
        }
        if (!options.contains("--no-maven")) {
            results.put("./mvnw spring-boot:run", times(Math.min(runs, 2), port -> List.of("./mvnw", "-q", "-o", "-B",
                    "spring-boot:run", "-Dspring-boot.run.arguments=" + String.join(" ", arguments(port, dataDir)))));
        }
        System.out.println();
        System.out.println("start to healthy (embedded PostgreSQL, existing data directory), "
                           + Runtime.getRuntime().availableProcessors() + " cores");
        results.forEach((mode, times) -> System.out.printf("  %-26s median %6d ms   runs %s%n", mode,
                times.stream().sorted().toList().get(times.size() / 2), times));
    }

    private static List<Long> times(int runs, IntFunction<List<String>> command) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(measure(command));
        }
        return times;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Milliseconds from starting the command to health UP; the process is then stopped with SIGTERM. */
    private static long measure(IntFunction<List<String>> commandForPort) throws Exception {
        int port = freePort();
        List<String> command = commandForPort.apply(port);
        Path log = Files.createTempFile("hookline-start", ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                if (Duration.ofNanos(System.nanoTime() - started).toSeconds() > 180) {
                    throw new IllegalStateException("not healthy after 180 s: " + Files.readString(log));
                }
                if (healthy(port)) {
                    return Duration.ofNanos(System.nanoTime() - started).toMillis();
                }
                Thread.sleep(20);
            }
        } finally {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static List<String> arguments(int port, Path dataDir) {
        return List.of("--server.port=" + port, "--hookline.data-dir=" + dataDir, "--hookline.encryption-key=" + KEY);
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    private static String version() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int artifact = pom.indexOf("<artifactId>hookline</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
