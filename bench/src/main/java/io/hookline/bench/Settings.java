package io.hookline.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sizes of one run. {@code full} is the default; {@code quick} scales every scenario down to
 * finish in under 3 minutes; {@code smoke} runs only scenario 1 at one receiver, at a tiny size, with
 * its two baselines, to prove the harness works; {@code throughput} runs only scenarios 1 and 5, with
 * 5,000 events per throughput row, the delivery engine's own figures; {@code controls} runs only
 * scenario 7, the delivery controls, at full sizes.
 */
record Settings(String mode, int[] throughputReceivers, int throughputEvents, int throughputChanges,
                int[] latencyRates, double latencySeconds, double isolationSeconds, int isolationRate,
                int graphqlEvents, int backlogEvents, double backlogWindowSeconds, int[] scaleOutReceivers,
                int ceilingRequests, Duration runLimit,
                Path hooklineJar, Path workDir, Path output, String jdbcUrl, String apiKey, String java) {

    static Settings parse(String[] args) {
        String mode = "full";
        Path jar = Path.of("target/hookline-0.1.0.jar");
        Path work = Path.of("bench/target/run");
        Path out = Path.of("bench/results/latest.json");
        String jdbcUrl = null;
        String apiKey = System.getenv("HOOKLINE_BOOTSTRAP_API_KEY");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int changes = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = "quick";
                case "--smoke" -> mode = "smoke";
                case "--full" -> mode = "full";
                case "--receiver-only" -> mode = "receiver";
                case "--filters-only" -> mode = "filters";
                case "--relay-only" -> mode = "relay";
                case "--throughput-only" -> mode = "throughput";
                case "--controls-only" -> mode = "controls";
                case "--hookline-jar" -> jar = Path.of(args[++i]);
                case "--work-dir" -> work = Path.of(args[++i]);
                case "--output" -> out = Path.of(args[++i]);
                case "--jdbc-url" -> jdbcUrl = args[++i];
                case "--api-key" -> apiKey = args[++i];
                case "--throughput-changes" -> changes = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        return switch (mode) {
            case "smoke" -> new Settings(mode, new int[] {1}, 300, changes, new int[0], 0, 0, 0, 0, 0, 0,
                    new int[0], 2_000, Duration.ofMinutes(3), jar, work, out, jdbcUrl, apiKey, java);
            case "receiver" -> new Settings(mode, new int[0], 0, changes, new int[0], 0, 0, 0, 0, 0, 0,
                    new int[0], 100_000, Duration.ofMinutes(2), jar, work, out, jdbcUrl, apiKey, java);
            case "relay" -> new Settings(mode, new int[0], 2_000, changes, new int[0], 5, 0, 0, 0, 0, 0,
                    new int[0], 2_000, Duration.ofMinutes(5), jar, work, out, jdbcUrl, apiKey, java);
            case "controls" -> new Settings(mode, new int[0], 0, changes, new int[0], 0, 0, 0, 0, 0, 0,
                    new int[0], 2_000, Duration.ofMinutes(10), jar, work, out, jdbcUrl, apiKey, java);
            case "filters" -> new Settings(mode, new int[0], 0, changes, new int[0], 0, 0, 0, 0, 0, 0,
                    new int[0], 2_000, Duration.ofMinutes(12), jar, work, out, jdbcUrl, apiKey, java);
            case "throughput" -> new Settings(mode, new int[] {1, 10, 100}, 5_000, changes, new int[0], 0, 0, 0, 0, 0,
                    0, new int[] {10}, 20_000, Duration.ofMinutes(5), jar, work, out, jdbcUrl, apiKey, java);
            case "quick" -> new Settings(mode, new int[] {1, 10, 100}, 1_000, changes, new int[] {200, 1000}, 3, 3, 20,
                    20, 10_000, 10, new int[] {10}, 20_000, Duration.ofMinutes(8), jar, work, out, jdbcUrl, apiKey,
                    java);
            default -> new Settings(mode, new int[] {1, 10, 100}, 20_000, changes, new int[] {200, 1000}, 20, 20, 20,
                    200, 1_000_000, 120, new int[] {10}, 100_000, Duration.ofMinutes(30), jar, work, out, jdbcUrl,
                    apiKey, java);
        };
    }

    /** Changes and events of a throughput run at {@code receivers}: a fixed event total unless changes were given. */
    int changesFor(int receivers) {
        return throughputChanges > 0 ? throughputChanges : Math.max(1, throughputEvents / receivers);
    }
}
