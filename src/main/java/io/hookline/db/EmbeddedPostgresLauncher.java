package io.hookline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a kept data directory with durable settings, recovering
 * from a previous Hookline that was killed without stopping it. It is locked down like a
 * database with a network port must be: it listens on 127.0.0.1 only, every connection (TCP and
 * Unix socket) needs the superuser's password (SCRAM), and that password is generated once into
 * an owner-only file beside the data, which is itself owner-only.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    /** The embedded server's own lock file, held by the JVM that runs it. */
    private static final String LOCK_FILE = "epg-lock";
    /** Beside the PostgreSQL directory, not in it: initdb wants an empty directory. */
    static final String PASSWORD_FILE = "postgres-password";
    static final String SUPERUSER = "postgres";
    private static final String OWNER_ONLY_DIR = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";
    /** What initdb writes for {@code --auth=scram-sha-256}, and what older data directories are moved to. */
    private static final String PG_HBA = """
            # Written by Hookline: every connection needs the password in ../postgres-password.
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            """;

    private final Path dataDirectory;
    private final int port;

    EmbeddedPostgresLauncher(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.port = port;
    }

    EmbeddedPostgres start() {
        try {
            Files.createDirectories(dataDirectory);
            ownerOnly(dataDirectory.getParent(), OWNER_ONLY_DIR);
            ownerOnly(dataDirectory, OWNER_ONLY_DIR);
            stopOrphanedPostmaster();
            boolean existing = Files.exists(dataDirectory.resolve("PG_VERSION"));
            Path passwordFile = passwordFile();
            boolean passwordSet = Files.exists(passwordFile);
            String password = passwordSet ? Files.readString(passwordFile).trim() : createPassword(passwordFile);
            if (existing && passwordSet) {
                Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
            }
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by the application context, after the workers have recorded their last
                    // tries: the library's own JVM shutdown hook would stop it while they still write.
                    .setRegisterShutdownHook(false)
                    // Durability is the point of a webhook log: the library's test-oriented defaults
                    // turn both off, so they are turned back on here and checked below.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // initdb, on a new directory: later options win over the library's "-A trust"
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .start();
            if (existing && !passwordSet) {
                requirePassword(postgres, password);
            }
            verifyDurable(postgres);
            log.debug("Embedded PostgreSQL running with data in {}", dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The superuser's password, owner-only, beside the PostgreSQL directory. */
    Path passwordFile() {
        return dataDirectory.resolveSibling(PASSWORD_FILE);
    }

    private static String createPassword(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
        Files.writeString(file, password + System.lineSeparator());
        return password;
    }

    private static void ownerOnly(Path directory, String permissions) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));
    }

    /**
     * A data directory made before passwords were required still trusts every local connection:
     * give the superuser its password, then require it from now on.
     */
    private void requirePassword(EmbeddedPostgres postgres, String password) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("alter role " + SUPERUSER + " password '" + password + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
            s.execute("select pg_reload_conf()");
            log.info("The embedded PostgreSQL now requires the password in {}", passwordFile());
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
    }

    /**
     * A Hookline killed with SIGKILL leaves its postmaster running (it is daemonized), holding the
     * data directory. If no live Hookline holds the directory's lock, that postmaster is an orphan:
     * stop it cleanly so this start can take over the same data.
     */
    private void stopOrphanedPostmaster() throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner();
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            // PostgreSQL copes with a stale pid file by itself, unless the pid now belongs to some
            // other process; removing it is safe because no postmaster of ours is alive.
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by a previous Hookline on {}", orphan.pid(), dataDirectory);
        orphan.destroy(); // SIGTERM: a smart shutdown, which is immediate since its clients are gone
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL pid {} did not stop within 30 s; killing it", orphan.pid());
            orphan.destroyForcibly();
            orphan.onExit().join();
        }
    }

    private void requireNoLiveOwner() throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The data directory " + dataDirectory
                        + " is in use by another running Hookline; stop it or choose another hookline.data-dir");
            }
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return Optional.of(Long.parseLong(firstLine));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void verifyDurable(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit"}) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    if (!"on".equals(rs.getString(1))) {
                        throw new IllegalStateException("Embedded PostgreSQL started with " + setting + "="
                                + rs.getString(1) + "; refusing to run without durability");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("Could not check the embedded PostgreSQL settings", e);
        }
    }
}
