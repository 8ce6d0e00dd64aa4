package io.hookline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a kept data directory with durable settings, recovering
 * from a previous Hookline that was killed without stopping it ({@link OrphanedPostmaster}). It
 * is locked down like a database with a network port must be: it listens on 127.0.0.1 only, every
 * connection (TCP and Unix socket) needs the superuser's password (SCRAM), and that password is
 * generated once into an owner-only file beside the data, which is itself owner-only.
 */
final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
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
            OrphanedPostmaster.stopIfAny(dataDirectory);
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
