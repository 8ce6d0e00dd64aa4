package io.hookline.db;

import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hookline's connections run without PostgreSQL's JIT (docs/operations.md, Database). */
class SessionSettingsTest extends IntegrationTest {

    @Test
    void connections_of_the_pool_have_the_jit_off() {
        assertThat(jdbc.sql("show jit").query(String.class).single()).isEqualTo("off");
    }
}
