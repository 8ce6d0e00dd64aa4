package io.hookline.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.hookline.api.Caller;
import io.hookline.config.HooklineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates an organization, its admin and an API key so that Hookline is
 * usable at once. The key goes to an owner-only file in the data directory; the log names the
 * file, never the key.
 */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    static final String KEY_FILE = "bootstrap-api-key";

    private final AuthRepository repository;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final HooklineProperties properties;

    Bootstrap(AuthRepository repository, JdbcClient jdbc, TransactionTemplate transaction,
              HooklineProperties properties) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String given = properties.bootstrapApiKey();
        boolean generated = given == null || given.isBlank();
        if (!generated && given.trim().length() < 24) {
            throw new IllegalStateException("HOOKLINE_BOOTSTRAP_API_KEY must be at least 24 characters");
        }
        String token = generated ? ApiKeyTokens.generate() : given.trim();
        Boolean created = transaction.execute(status -> {
            // Several processes may start on one database at once: only one bootstraps it.
            jdbc.sql("select pg_advisory_xact_lock(7245001)").query().singleValue();
            if (repository.anyOrganization()) {
                return false;
            }
            long org = repository.createOrganization("Default organization");
            User admin = repository.createUser(org, "Admin", "admin@localhost", Caller.Role.ADMIN);
            repository.createApiKey(org, admin.id(), "bootstrap", token);
            return true;
        });
        if (!Boolean.TRUE.equals(created)) {
            return;
        }
        if (generated) {
            Path file = writeKeyFile(token);
            log.info("Created the first organization and its admin. Their API key is in {}", file);
        } else {
            log.info("Created the first organization and its admin with the key from HOOKLINE_BOOTSTRAP_API_KEY");
        }
    }

    private Path writeKeyFile(String token) {
        Path file = properties.dataDir().resolve(KEY_FILE).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the first API key to " + file, e);
        }
    }
}
