package io.hookline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Hookline on a random port, on the test run's shared PostgreSQL, with a fresh
 * organization and admin key for every test. Tables are emptied before each test, never rolled
 * back: the workers commit on their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestInfrastructure.class)
public abstract class IntegrationTest {

    /** Base64 of 32 bytes, for secrets at rest in tests. */
    public static final String TEST_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ShiftedClock clock;

    @Autowired
    protected StubbedDns dns;

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
        registry.add("hookline.egress.allowed-cidrs", () -> "127.0.0.1/32,::1/128");
        registry.add("hookline.delivery.poll-interval", () -> "200ms");
        registry.add("hookline.delivery.request-timeout", () -> "2s");
        registry.add("hookline.delivery.connect-timeout", () -> "1s");
    }

    @BeforeEach
    void freshOrganization() {
        clock.reset();
        dns.clear();
        emptyTables(jdbc);
        tenants = new Tenants(jdbc);
        tenant = tenants.organization("Acme");
        api = new GraphQl(port, tenant.token());
    }

    /**
     * The delivery tables hold no references (docs/architecture.md, "Tables"), so they are named.
     * Truncation takes its locks in its own order and may meet a busy worker's: it then tries again.
     */
    public static void emptyTables(JdbcClient jdbc) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.sql("""
                        truncate organizations, change_log, webhook_deliveries, webhook_attempts, webhook_relay_requests
                        restart identity cascade""").update();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
