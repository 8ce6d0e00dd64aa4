package io.hookline.auth;

import java.nio.file.Files;
import java.nio.file.Path;

import io.hookline.config.HooklineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Health is UP only once Hookline can be used: the first organization, admin and key exist (and
 * the demo data, when asked for). Spring marks the application ready after every start-up runner
 * and ready listener has finished, {@link Bootstrap} and the demo data loader among them, so a
 * script that waits for health finds the key file in place. Then one line says where to go.
 */
@Component("startup")
class StartupReadiness implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StartupReadiness.class);

    private final HooklineProperties properties;
    private final Environment environment;
    private volatile boolean ready;

    StartupReadiness(HooklineProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public Health health() {
        return ready ? Health.up().build()
                : Health.outOfService().withDetail("reason", "starting: the first key and demo data are not in place yet").build();
    }

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC || ready) {
            return;
        }
        ready = true;
        log.info(readyLine());
    }

    String readyLine() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        Path keyFile = properties.dataDir().resolve(Bootstrap.KEY_FILE).toAbsolutePath().normalize();
        String key = properties.bootstrapApiKey() != null && !properties.bootstrapApiKey().isBlank()
                ? "HOOKLINE_BOOTSTRAP_API_KEY" : Files.exists(keyFile) ? keyFile.toString()
                : keyFile + " (written on the first start)";
        if (!properties.servesApi()) {
            return "Hookline is ready: worker only (no GraphQL or console in this process)";
        }
        return "Hookline is ready: console " + base + "/console/, GraphiQL " + base + "/graphiql, API key in " + key;
    }
}
