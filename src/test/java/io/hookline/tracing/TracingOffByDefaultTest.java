package io.hookline.tracing;

import java.time.Duration;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracing is off unless an exporter is named, and OTEL_SDK_DISABLED switches it off again. */
class TracingOffByDefaultTest extends IntegrationTest {

    @Test
    void only_a_named_exporter_not_disabled_switches_tracing_on() {
        assertThat(TracingConfig.InstalledTracing.enabled(new MockEnvironment())).isFalse();
        assertThat(TracingConfig.InstalledTracing.enabled(new MockEnvironment().withProperty("otel.traces.exporter", "none"))).isFalse();
        assertThat(TracingConfig.InstalledTracing.enabled(new MockEnvironment().withProperty("otel.traces.exporter", "otlp"))).isTrue();
        assertThat(TracingConfig.InstalledTracing.enabled(new MockEnvironment().withProperty("otel.traces.exporter", "otlp")
                .withProperty("otel.sdk.disabled", "true"))).isFalse();
    }

    @Test
    void without_configuration_a_webhook_carries_no_traceparent() {
        try (TestReceiver receiver = TestReceiver.http()) {
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            webhooks.subscribe(webhooks.receiver(receiver.url("/hooks")).id(), "RUNS", "CREATE");
            webhooks.insertRun("untraced");
            assertThat(receiver.awaitRequests(1, Duration.ofSeconds(20)).getFirst().header("traceparent")).isNull();
        }
    }
}
