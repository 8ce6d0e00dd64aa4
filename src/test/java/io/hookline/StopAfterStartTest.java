package io.hookline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build trains the JDK's AOT cache on one start with {@code -Dhookline.stop-after-start=true}
 * (docs/operations.md#start-time): that start must stop as a normal stop does, the embedded
 * PostgreSQL with it, and leave nothing running behind.
 */
class StopAfterStartTest {

    @Test
    void a_start_that_stops_by_itself_stops_its_embedded_database_too() throws Exception {
        Path dataDir = Files.createTempDirectory("hookline-stop-after-start");
        Path log = Files.createTempFile("hookline-stop-after-start", ".log");
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-Dhookline.stop-after-start=true", "-cp", System.getProperty("java.class.path"),
                HooklineApplication.class.getName(), "--server.port=0", "--hookline.data-dir=" + dataDir))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Hookline is ready", "Stopped delivering");
        // PostgreSQL removes its pid file when it stops; a postmaster left running would still hold it.
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as(output).doesNotExist();
    }
}
