package io.hookline.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;

import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import io.hookline.delivery.DeliveryOutcome.Failed;

/**
 * Sends one try of an event over HTTP(S) and says what came of it; never throws for anything the
 * network or the receiver does. Thread-safe and meant to be called from many virtual threads at once:
 * nothing here holds a monitor around I/O, so a blocked send never pins its carrier thread.
 */
public final class WebhookSender implements AutoCloseable {

    private final DeliveryProperties properties;
    private final InstantSource clock;
    private final String userAgent;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor deadlines;

    /**
     * @param route        how requests leave: resolver, proxy, source address and trust
     * @param clock        gives {@code startedAt} and the {@code webhook-timestamp}
     * @param userAgent    e.g. {@code Hookline/0.1.0}
     */
    public WebhookSender(DeliveryProperties properties, Route route, InstantSource clock, String userAgent) {
        this.properties = properties;
        this.clock = clock;
        this.userAgent = userAgent;
        this.deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("webhook-deadlines")
                .daemon().factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.client = DeliveryHttpClient.create(properties, route.dnsResolver(), route.proxy(), route.localAddress(),
                route.sslContext());
    }

    /**
     * How requests leave this process.
     *
     * @param dnsResolver  resolves receiver hosts; the egress package's resolver refuses forbidden addresses
     * @param proxy        egress proxy every send goes through, or null to connect directly
     * @param localAddress source address to bind, or null for the system's choice
     * @param sslContext   trust for HTTPS receivers, or null for the JVM default
     */
    public record Route(DnsResolver dnsResolver, HttpHost proxy, InetAddress localAddress, SSLContext sslContext) {
    }

    /** Sends {@code request} once. The try ends by the request timeout however the receiver behaves. */
    public Attempt send(DeliveryRequest request) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        HttpPost post;
        try {
            post = WebhookRequests.post(request, startedAt, userAgent);
        } catch (IllegalArgumentException unusable) {
            return new Attempt(startedAt, Duration.ofNanos(System.nanoTime() - start),
                    FailureClassifier.noResponse(ErrorKind.OTHER, unusable.getMessage()));
        }
        HttpClientContext context = HttpClientContext.create();
        DeliveryOutcome outcome = exchange(request, post, context);
        return new Attempt(startedAt, Duration.ofNanos(System.nanoTime() - start), outcome,
                RequestCapture.of(request, post, context));
    }

    private DeliveryOutcome exchange(DeliveryRequest request, HttpPost post, HttpClientContext context) {
        // The socket timeout only bounds each read; a receiver trickling a byte at a time would never
        // trip it. Cancelling the request closes its connection, which ends any blocked connect or read.
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            deadlinePassed.set(true);
            post.cancel();
        }, properties.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, post, context);
            return outcome(request, response, post);
        } catch (IOException | RuntimeException failure) {
            // Whatever broke, the connection is unusable: drop it rather than let close() drain it.
            post.cancel();
            // A read waits at most the request timeout too, so a read that timed out may beat the
            // deadline's timer by a hair: either way, the receiver had its whole request timeout.
            return deadlinePassed.get() || FailureClassifier.isReadTimeout(failure)
                    ? FailureClassifier.timedOut(properties.requestTimeout())
                    : FailureClassifier.classify(failure);
        } finally {
            // Closed while the deadline still stands, in case closing ever has to read.
            closeQuietly(response);
            deadline.cancel(false);
        }
    }

    private DeliveryOutcome outcome(DeliveryRequest request, ClassicHttpResponse response, HttpPost post)
            throws IOException {
        int status = response.getCode();
        String headers = ResponseCapture.headers(response.getHeaders());
        ResponseCapture.Body body = ResponseCapture.body(response.getEntity(), properties.responseBodyLimit());
        if (body.truncated()) {
            // Drop the connection instead of draining the rest, which may be huge or never end.
            post.cancel();
        }
        if (status == request.expectedResponseCode()) {
            return new DeliveryOutcome.Delivered(status, headers, body.text());
        }
        Duration retryAfter = null;
        if (status == 429 || status == 503) {
            var header = response.getFirstHeader("Retry-After");
            retryAfter = RetryAfterHeader.parse(header == null ? null : header.getValue(), clock.instant());
        }
        return new Failed(status, ErrorKind.BAD_RESPONSE,
                "expected " + request.expectedResponseCode() + ", got " + status, retryAfter, headers, body.text());
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException | RuntimeException alreadyBroken) {
            // The connection is discarded either way; the outcome is already decided.
        }
    }

    /** Closes every pooled connection and stops the deadline timer. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }
}
