package io.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run was measured on. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("memory_gib", Math.round(firstNumber("/proc/meminfo", "MemTotal:") / 1024.0 / 1024.0));
        out.put("cpu", firstValue("/proc/cpuinfo", "model name"));
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return out;
    }

    /** The 1, 5 and 15 minute load averages: anything else running on the machine shows here. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return null;
        }
    }

    /** Busy and total CPU ticks of the whole machine since boot, from the first line of /proc/stat. */
    static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    /** Share of the machine's CPU that was busy between two {@link #cpuTicks()} readings, in %. */
    static double busyPercent(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? Double.NaN : Math.round(1000.0 * (after[0] - before[0]) / total) / 10.0;
    }

    private static long firstNumber(String file, String prefix) {
        String v = firstValue(file, prefix);
        return v == null ? -1 : Long.parseLong(v.replaceAll("\\D", ""));
    }

    private static String firstValue(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
