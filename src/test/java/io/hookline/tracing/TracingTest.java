package io.hookline.tracing;

import java.time.Duration;
import java.util.List;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.TestReceiver;
import io.hookline.testing.Webhooks;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With an exporter configured, each try is a span whose context the receiver gets as traceparent. */
@TestPropertySource(properties = {"otel.traces.exporter=memory", "otel.bsp.schedule.delay=20"})
@DirtiesContext
class TracingTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void the_traceparent_a_receiver_gets_is_the_exported_span_of_that_try_and_the_fan_out_is_traced() {
        try (TestReceiver receiver = TestReceiver.http()) {
            receiver.answer(io.hookline.testing.Reply.status(503));
            receiver.answer(2, io.hookline.testing.Reply.status(200));
            Webhooks webhooks = new Webhooks(api, jdbc, tenant.organizationId());
            Webhooks.Receiver hook = webhooks.receiver(receiver.url("/hooks?token=secret"));
            webhooks.subscribe(hook.id(), "RUNS", "CREATE");
            webhooks.insertRun("traced");
            ReceivedRequest first = receiver.awaitRequests(1, WAIT).getFirst();
            jdbc.sql("update webhook_deliveries set next_attempt_at = now()").update();
            ReceivedRequest second = receiver.awaitRequests(2, WAIT).get(1);

            for (ReceivedRequest request : List.of(first, second)) {
                String traceparent = request.header("traceparent");
                assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
                String traceId = traceparent.split("-")[1];
                String spanId = traceparent.split("-")[2];
                SpanData span = await().atMost(WAIT).until(() -> InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(spanId)).findFirst()
                        .orElse(null), s -> s != null);
                assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(span.getAttributes().get(AttributeKey.stringKey("hookline.webhook_id")))
                        .isEqualTo(request.header("webhook-id"));
                assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/hooks");
            }
            // Each try is its own span: a retry is not the same trace as the first try.
            assertThat(first.header("traceparent")).isNotEqualTo(second.header("traceparent"));
            assertThat(statusOf(first)).isEqualTo(503L);
            assertThat(statusOf(second)).isEqualTo(200L);

            await().atMost(WAIT).until(() -> InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                    .anyMatch(s -> s.getName().equals("hookline fan-out")
                                   && Long.valueOf(1).equals(s.getAttributes().get(AttributeKey.longKey("hookline.events")))));
        }
    }

    private static Long statusOf(ReceivedRequest request) {
        String spanId = request.header("traceparent").split("-")[2];
        return InMemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(spanId))
                .findFirst().orElseThrow().getAttributes().get(AttributeKey.longKey("http.response.status_code"));
    }
}
