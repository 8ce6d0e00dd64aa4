package io.hookline.testing;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * An integration test with one local HTTPS receiver, fresh for every test, and {@link Webhooks} to
 * point the test's organization at it: the fixture of the end-to-end delivery tests.
 */
public abstract class HttpsReceiverTest extends IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected TestReceiver receiver;
    protected Webhooks webhooks;

    @BeforeEach
    void startReceiver() {
        receiver = TestReceiver.https();
        webhooks = new Webhooks(api, jdbc, tenant.organizationId());
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }
}
