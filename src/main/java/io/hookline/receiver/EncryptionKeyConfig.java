package io.hookline.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import io.hookline.config.HooklineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the key for secrets at rest comes from: configuration first; with the embedded
 * database, a key generated once into the data directory (owner-only), since the data it
 * protects lives there too. An external database without a configured key refuses to start:
 * a key kept on one machine's disk would strand the data for every other process.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionKeyConfig {

    private static final Logger log = LoggerFactory.getLogger(EncryptionKeyConfig.class);
    static final String KEY_FILE = "encryption-key";

    @Bean
    SecretCipher secretCipher(HooklineProperties properties, Environment environment) {
        if (StringUtils.hasText(properties.encryptionKey())) {
            return new SecretCipher(decode(properties.encryptionKey()));
        }
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException("hookline.encryption-key (HOOKLINE_ENCRYPTION_KEY) is required with an "
                    + "external database: base64 of 32 random bytes, e.g. from 'openssl rand -base64 32'");
        }
        return new SecretCipher(decode(readOrCreate(properties.dataDir().resolve(KEY_FILE))));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, encoded + System.lineSeparator());
            log.info("Generated the key that encrypts secrets at rest in {}; back it up with the data", file.toAbsolutePath());
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the encryption key " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hookline.encryption-key must be base64 of 32 bytes", e);
        }
    }
}
