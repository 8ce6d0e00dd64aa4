package io.hookline.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL as an attacker on the same machine meets it: no connection without the
 * generated password, over TCP or the Unix socket, only 127.0.0.1 listening, everything owner-only.
 */
class EmbeddedDatabaseLockdownTest {

    @TempDir
    Path dataDir;

    @Test
    void a_connection_without_the_password_is_refused_and_with_it_accepted() throws Exception {
        EmbeddedPostgresLauncher launcher = new EmbeddedPostgresLauncher(dataDir.resolve("postgres"), 0);
        try (EmbeddedPostgres postgres = launcher.start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(url, "postgres")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");

            String password = Files.readString(launcher.passwordFile()).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            try (Connection c = connect(url, password); ResultSet rs = c.createStatement().executeQuery(
                    "select current_setting('listen_addresses'), current_setting('password_encryption'),"
                            + " (select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = 'postgres')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
                assertThat(rs.getString(2)).isEqualTo("scram-sha-256");
                assertThat(rs.getBoolean(3)).isTrue();
            }
            assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
            assertThat(permissions(launcher.passwordFile())).isEqualTo("rw-------");
            assertThat(permissions(dataDir.resolve("postgres"))).isEqualTo("rwx------");
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
        }
    }

    @Test
    void a_data_directory_from_before_passwords_is_locked_down_on_its_next_start() throws Exception {
        Path pg = dataDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(pg)
                .setCleanDataDirectory(false).start()) {
            trusting.getPostgresDatabase().getConnection().close();
        }
        EmbeddedPostgresLauncher launcher = new EmbeddedPostgresLauncher(pg, 0);
        try (EmbeddedPostgres postgres = launcher.start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class);
            connect(url, Files.readString(launcher.passwordFile()).trim()).close();
        }
        try (EmbeddedPostgres again = new EmbeddedPostgresLauncher(pg, 0).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + again.getPort() + "/postgres";
            assertThatThrownBy(() -> connect(url, null)).isInstanceOf(SQLException.class);
            connect(url, Files.readString(launcher.passwordFile()).trim()).close();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
