package io.hookline.tracing;

import java.io.IOException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;

/**
 * First in the delivery client's chain, so one span covers the whole try (address check, connect,
 * TLS, request, response head), and the W3C {@code traceparent} of that span goes out with the
 * request. The receiver's URI is recorded without its query, which may hold a token.
 */
final class DeliveryTrySpans implements ExecChainHandler {

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Header webhookId = request.getFirstHeader("webhook-id");
        Span span = Tracing.tracer().spanBuilder("hookline delivery " + request.getMethod()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", request.getMethod())
                .setAttribute("server.address", scope.route.getTargetHost().getHostName())
                .setAttribute("server.port", (long) scope.route.getTargetHost().getPort())
                .setAttribute("url.path", request.getPath() == null ? "/" : request.getPath().split("\\?", 2)[0])
                .setAttribute("hookline.webhook_id", webhookId == null ? "" : webhookId.getValue())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Tracing.current().getPropagators().getTextMapPropagator()
                    .inject(Context.current(), request, (carrier, key, value) -> carrier.setHeader(key, value));
            ClassicHttpResponse response = chain.proceed(request, scope);
            span.setAttribute("http.response.status_code", (long) response.getCode());
            return response;
        } catch (IOException | HttpException | RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            throw failure;
        } finally {
            span.end();
        }
    }
}
