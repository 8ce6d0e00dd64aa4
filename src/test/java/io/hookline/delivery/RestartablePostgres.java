package io.hookline.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the operating system's own (Debian's {@code postgresql}), in a cluster of
 * its own on a free port, that a test may stop and start again: a database restarted under load.
 * The binaries come from {@code HOOKLINE_TEST_POSTGRES_BIN} (set by CI) or the Debian location.
 * As root, the server runs as the {@code postgres} user: PostgreSQL refuses to run as root.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private RestartablePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The server's binaries, when installed. */
    static Optional<Path> binaries() {
        String given = System.getenv("HOOKLINE_TEST_POSTGRES_BIN");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(p -> Files.isExecutable(p.resolve("pg_ctl")));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static RestartablePostgres start(Path bin) {
        try {
            Path dir = Files.createTempDirectory("hookline-restartable-pg");
            RestartablePostgres postgres = new RestartablePostgres(bin, dir, freePort());
            if (runsAsRoot()) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, owner);
            }
            postgres.run("initdb", "-D", postgres.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** A fast stop (every connection is cut), then a start on the same port and data. */
    void restart() {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
        startServer();
    }

    private void startServer() {
        run("pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c max_connections=100", "start");
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runsAsRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
    }
}
