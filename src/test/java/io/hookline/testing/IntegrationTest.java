package io.hookline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Hookline on a random port, on the test run's shared PostgreSQL, with a fresh
 * organization and admin key for every test. Tables are emptied before each test, never rolled
 * back: the workers commit on their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** Base64 of 32 bytes, for secrets at rest in tests. */
    public static final String TEST_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Tenants tenants;
    protected Tenants.Tenant tenant;
    protected GraphQl api;

    @DynamicPropertySource
    static void testDatabase(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("hookline-test-data");
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("hookline.data-dir", dataDir::toString);
        registry.add("hookline.encryption-key", () -> TEST_ENCRYPTION_KEY);
        registry.add("hookline.egress.allow-http", () -> "true");
        registry.add("hookline.egress.allowed-cidrs", () -> "127.0.0.1/32");
        registry.add("hookline.delivery.poll-interval", () -> "200ms");
    }

    @BeforeEach
    void freshOrganization() {
        emptyTables(jdbc);
        tenants = new Tenants(jdbc);
        tenant = tenants.organization("Acme");
        api = new GraphQl(port, tenant.token());
    }

    public static void emptyTables(JdbcClient jdbc) {
        jdbc.sql("truncate organizations, change_log restart identity cascade").update();
    }
}
