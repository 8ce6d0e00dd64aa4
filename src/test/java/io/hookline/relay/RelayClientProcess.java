package io.hookline.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** {@code hookline relay …} or {@code hookline listen …} as a separate process, to stop with SIGTERM or SIGKILL. */
final class RelayClientProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RelayClientProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RelayClientProcess start(String... arguments) {
        try {
            Path log = Files.createTempFile("hookline-relay-client", ".log");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), "io.hookline.HooklineApplication"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new RelayClientProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the output holds {@code text} at least {@code times} times. */
    String awaitOutput(String text, int times, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> output().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times);
        return output();
    }

    /** SIGTERM, as a service manager stops it; returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the client did not stop within 60 s after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: nothing runs on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the client did not exit:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
