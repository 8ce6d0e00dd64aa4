package io.hookline.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.hookline.config.HooklineProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Health waits for the application to be ready: after Bootstrap and the demo data, never before. */
class StartupReadinessTest {

    @TempDir
    Path dataDir;

    @Test
    void health_is_out_of_service_until_the_application_is_ready_and_then_says_where_everything_is() throws Exception {
        HooklineProperties properties = new HooklineProperties(dataDir, Set.of("api", "worker"), null, null, 0, 1024);
        StartupReadiness readiness = new StartupReadiness(properties,
                new MockEnvironment().withProperty("local.server.port", "18080"));

        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        readiness.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        Files.writeString(dataDir.resolve(Bootstrap.KEY_FILE), "hk_x\n");
        readiness.onReadiness(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.readyLine()).isEqualTo("Hookline is ready: console http://localhost:18080/console/, "
                + "GraphiQL http://localhost:18080/graphiql, API key in " + dataDir.resolve(Bootstrap.KEY_FILE).toAbsolutePath());
    }
}
