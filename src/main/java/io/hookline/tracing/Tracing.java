package io.hookline.tracing;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.apache.hc.client5.http.classic.ExecChainHandler;

/**
 * Where Hookline's spans come from: a no-op until {@link TracingConfig} installs an SDK configured
 * by the {@code OTEL_*} variables (docs/operations.md, "Tracing"). A static hand-off rather than an
 * injected bean so the engine needs one call per hook, not a new constructor argument.
 */
public final class Tracing {

    static final String INSTRUMENTATION = "io.hookline";
    private static volatile OpenTelemetry current = OpenTelemetry.noop();

    private Tracing() {
    }

    static synchronized void install(OpenTelemetry openTelemetry) {
        current = openTelemetry;
    }

    /** Goes back to the no-op, unless another SDK was installed since. */
    static synchronized void uninstall(OpenTelemetry openTelemetry) {
        if (current == openTelemetry) {
            current = OpenTelemetry.noop();
        }
    }

    static OpenTelemetry current() {
        return current;
    }

    static Tracer tracer() {
        return current.getTracer(INSTRUMENTATION);
    }

    /** For the delivery HTTP client: a client span per try, with the {@code traceparent} header sent. */
    public static ExecChainHandler deliveryTries() {
        return new DeliveryTrySpans();
    }

    /**
     * Runs one fan-out batch; when it claimed changes (or failed), records a span
     * {@code hookline fan-out} over it with how many changes and events it made. Empty polls,
     * every second on an idle system, record nothing.
     */
    public static <T> T fanOut(Supplier<T> batch, ToIntFunction<T> changes, ToIntFunction<T> events) {
        Instant started = Instant.now();
        T result;
        try {
            result = batch.get();
        } catch (RuntimeException failure) {
            Span span = tracer().spanBuilder("hookline fan-out").setStartTimestamp(started).startSpan();
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            span.end();
            throw failure;
        }
        if (changes.applyAsInt(result) > 0) {
            tracer().spanBuilder("hookline fan-out").setStartTimestamp(started)
                    .setAttribute("hookline.changes", changes.applyAsInt(result))
                    .setAttribute("hookline.events", events.applyAsInt(result))
                    .startSpan().end();
        }
        return result;
    }
}
