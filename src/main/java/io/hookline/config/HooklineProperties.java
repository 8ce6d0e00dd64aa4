package io.hookline.config;

import java.nio.file.Path;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that are about the whole service rather than one feature.
 *
 * @param dataDir          where the embedded database, the bootstrap key file and a generated encryption
 *                         key live; default {@code ./data}
 * @param roles            which work this process does: {@code api} serves GraphQL, GraphiQL and the
 *                         console, {@code worker} fans out changes, delivers events and prunes old ones;
 *                         default both. A process always serves {@code /actuator}
 * @param encryptionKey    base64 of a 32-byte AES key for secrets at rest; when absent with the embedded
 *                         database one is generated once into the data directory; required with an
 *                         external database
 * @param bootstrapApiKey  the first admin's API key, instead of a generated one; default none
 * @param embeddedPort     port of the embedded PostgreSQL, 0 for any free one; default 0
 * @param maxRequestBytes  largest GraphQL request body accepted, in bytes; default 1048576
 */
@Validated
@ConfigurationProperties("hookline")
public record HooklineProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue({"api", "worker"}) Set<String> roles,
        String encryptionKey,
        String bootstrapApiKey,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("1048576") long maxRequestBytes) {

    public HooklineProperties {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("hookline.roles needs at least one of api and worker");
        }
        for (String role : roles) {
            if (!role.equals("api") && !role.equals("worker")) {
                throw new IllegalArgumentException("hookline.roles takes api and/or worker, not '" + role + "'");
            }
        }
        roles = Set.copyOf(roles);
    }

    public boolean runsWorker() {
        return roles.contains("worker");
    }

    public boolean servesApi() {
        return roles.contains("api");
    }
}
