package io.hookline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hookline.config.HooklineProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL inside Hookline when no external database is configured: a newcomer's one
 * command. Only active while {@code spring.datasource.url} is blank.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabaseCondition.class)
class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HooklineProperties properties) {
        return launcher(properties).start();
    }

    private static EmbeddedPostgresLauncher launcher(HooklineProperties properties) {
        return new EmbeddedPostgresLauncher(properties.dataDir().resolve("postgres"), properties.embeddedPort());
    }

    private static String password(HooklineProperties properties) {
        try {
            return Files.readString(launcher(properties).passwordFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded PostgreSQL's password", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, HooklineProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        config.setUsername(EmbeddedPostgresLauncher.SUPERUSER);
        config.setPassword(password(properties));
        config.setMaximumPoolSize(24);
        config.setPoolName("hookline");
        // As for an external database (application.yml): no JIT for Hookline's short statements.
        config.addDataSourceProperty("options", "-c jit=off");
        return new HikariDataSource(config);
    }
}
