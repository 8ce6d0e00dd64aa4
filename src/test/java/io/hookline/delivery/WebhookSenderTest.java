package io.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.hookline.delivery.DeliveryOutcome.Delivered;
import io.hookline.delivery.DeliveryOutcome.ErrorKind;
import io.hookline.delivery.DeliveryOutcome.Failed;
import io.hookline.testing.Reply;
import io.hookline.testing.SettableClock;
import io.hookline.testing.TestCertificates;
import io.hookline.capture.Resource;
import io.hookline.testing.PayloadConformance;
import io.hookline.testing.TestReceiver;

/** What a try comes to, against real local receivers that answer, refuse, hang and misbehave. */
class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwAAAAAAAAAAA=";
    static final String BODY = PayloadConformance.example(Resource.RUNS, Resource.Action.UPDATE, Map.of());
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SettableClock clock = SettableClock.atRealTimeNow();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void delivers_when_the_receiver_answers_the_expected_code() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(200).withBody("thanks"));

        Attempt attempt = sender(TestDeliveryProperties.defaults()).send(request(receiver.url("/hooks")));

        assertThat(attempt.outcome()).isInstanceOfSatisfying(Delivered.class, delivered -> {
            assertThat(delivered.status()).isEqualTo(200);
            assertThat(delivered.responseBody()).isEqualTo("thanks");
            assertThat(delivered.responseHeaders()).contains("content-length: 6\n");
        });
        assertThat(attempt.startedAt()).isEqualTo(clock.instant());
        assertThat(attempt.duration()).isPositive();
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks");
        });
    }

    @Test
    void delivers_over_https_when_the_receivers_certificate_is_trusted() {
        TestReceiver receiver = receiver(TestReceiver.https());

        Attempt attempt = sender(TestCertificates.localhost().trustingContext()).send(request(receiver.url("/tls")));

        assertThat(attempt.outcome()).isInstanceOf(Delivered.class);
        assertThat(receiver.requests()).singleElement().extracting(r -> r.bodyText()).isEqualTo(BODY);
    }

    @Test
    void a_500_is_a_bad_response_with_the_receivers_answer_kept() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(500).withHeader("X-Trace", "abc").withBody("boom"));

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(failed.error()).isEqualTo("expected 200, got 500");
        assertThat(failed.responseBody()).isEqualTo("boom");
        assertThat(failed.responseHeaders()).contains("X-Trace: abc\n");
        assertThat(failed.retryAfter()).isNull();
    }

    @Test
    void only_the_expected_code_counts_as_delivered() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(201));
        WebhookSender sender = sender(TestDeliveryProperties.defaults());

        Failed failed = failedTry(sender, request(receiver.url("/")));
        Attempt expecting201 = sender.send(request(receiver.url("/"), 201));

        assertThat(failed.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(failed.error()).isEqualTo("expected 200, got 201");
        assertThat(expecting201.outcome()).isInstanceOf(Delivered.class);
    }

    @Test
    void a_redirect_is_a_failure_and_is_not_followed() {
        TestReceiver elsewhere = receiver(TestReceiver.http());
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(302).withHeader("Location", elsewhere.url("/landing")));

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.status()).isEqualTo(302);
        assertThat(failed.kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(failed.responseHeaders()).contains("Location: " + elsewhere.url("/landing"));
        // Following happens inside send(), so by now a followed redirect would have arrived.
        assertThat(elsewhere.requests()).isEmpty();
    }

    @Test
    void a_429_reports_the_receivers_retry_after_in_seconds() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(429).withHeader("Retry-After", "7"));

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.status()).isEqualTo(429);
        assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void a_503_retry_after_date_is_measured_from_the_senders_clock() {
        TestReceiver receiver = receiver(TestReceiver.http());
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        receiver.answer(Reply.status(503).withHeader("Retry-After", inTwoMinutes));

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retry_after_is_only_read_on_429_and_503_and_unreadable_values_are_dropped() {
        TestReceiver receiver = receiver(TestReceiver.http());
        WebhookSender sender = sender(TestDeliveryProperties.defaults());

        receiver.answer(Reply.status(500).withHeader("Retry-After", "7"));
        assertThat(failedTry(sender, request(receiver.url("/"))).retryAfter()).isNull();
        receiver.answer(Reply.status(429).withHeader("Retry-After", "soon"));
        assertThat(failedTry(sender, request(receiver.url("/"))).retryAfter()).isNull();
    }

    // These three wait on a socket read, which ignores interrupts: time out from a separate thread so a
    // broken deadline fails the test instead of hanging the build.
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_receiver_that_never_answers_times_out_at_the_request_timeout() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.hang());

        assertTimesOutWithinAOneSecondRequestTimeout(receiver);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_receiver_trickling_its_body_is_cut_off_at_the_request_timeout() {
        TestReceiver receiver = receiver(TestReceiver.http());
        // Each byte comes well inside the read timeout, so only the whole-try deadline can end this.
        receiver.answer(Reply.trickle(200, Duration.ofMillis(50)));

        assertTimesOutWithinAOneSecondRequestTimeout(receiver);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_receiver_trickling_over_https_is_cut_off_at_the_request_timeout() {
        TestReceiver receiver = receiver(TestReceiver.https());
        receiver.answer(Reply.trickle(200, Duration.ofMillis(50)));

        assertTimesOutWithinAOneSecondRequestTimeout(receiver);
    }

    private void assertTimesOutWithinAOneSecondRequestTimeout(TestReceiver receiver) {
        Attempt attempt = sender(TestDeliveryProperties.sending(Duration.ofSeconds(1), 16384))
                .send(request(receiver.url("/")));

        assertThat(attempt.outcome()).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(failed.status()).isNull();
            assertThat(failed.error()).isEqualTo("no complete response within 1 s");
        });
        // Not a speed check: the deadline is 1 s, and nothing may stretch the try far past it.
        assertThat(attempt.duration()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void nothing_listening_is_connection_refused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()),
                request("http://127.0.0.1:" + closedPort + "/"));

        assertThat(failed.kind()).isEqualTo(ErrorKind.CONNECTION_REFUSED);
        assertThat(failed.status()).isNull();
        assertThat(failed.error()).contains("refused").doesNotContain("\n").doesNotContain("at org.apache");
    }

    @Test
    void a_connection_reset_without_a_response_is_connection_reset() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.reset());

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.kind()).isEqualTo(ErrorKind.CONNECTION_RESET);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void a_connection_reset_over_https_is_connection_reset() {
        TestReceiver receiver = receiver(TestReceiver.https());
        receiver.answer(Reply.reset());

        Failed failed = failedTry(sender(TestCertificates.localhost().trustingContext()), request(receiver.url("/")));

        assertThat(failed.kind()).isEqualTo(ErrorKind.CONNECTION_RESET);
    }

    @Test
    void an_unknown_host_is_a_dns_failure() {
        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()),
                request("http://no-such-receiver.hookline.invalid/hooks"));

        assertThat(failed.kind()).isEqualTo(ErrorKind.DNS);
        assertThat(failed.error()).contains("no-such-receiver.hookline.invalid");
    }

    @Test
    void a_certificate_the_sender_does_not_trust_is_a_tls_failure() {
        TestReceiver receiver = receiver(TestReceiver.https());

        Failed withJvmTrust = failedTry(sender((SSLContext) null), request(receiver.url("/")));
        Failed withOtherTrust = failedTry(sender(TestCertificates.generate().trustingContext()),
                request(receiver.url("/")));

        assertThat(withJvmTrust.kind()).isEqualTo(ErrorKind.TLS);
        assertThat(withOtherTrust.kind()).isEqualTo(ErrorKind.TLS);
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void an_address_refused_by_the_egress_policy_is_blocked_by_egress_policy() {
        TestReceiver receiver = receiver(TestReceiver.http());
        DnsResolver refusing = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                throw new EgressBlockedIOException(host + " resolves to a private address");
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        WebhookSender sender = closing(new WebhookSender(TestDeliveryProperties.defaults(),
                new WebhookSender.Route(refusing, null, null, null), clock, "Hookline/test"));

        Failed failed = failedTry(sender, request(receiver.url("/")));

        assertThat(failed.kind()).isEqualTo(ErrorKind.BLOCKED_BY_EGRESS_POLICY);
        assertThat(failed.error()).contains("private address");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void the_response_body_is_kept_up_to_the_limit() {
        TestReceiver receiver = receiver(TestReceiver.http());
        WebhookSender sender = sender(TestDeliveryProperties.sending(Duration.ofSeconds(15), 10));

        receiver.answer(Reply.status(200).withBody("0123456789-and-more"));
        Attempt longer = sender.send(request(receiver.url("/")));
        receiver.answer(Reply.status(500).withBody("0123456789"));
        Attempt exact = sender.send(request(receiver.url("/")));

        assertThat(longer.outcome()).isInstanceOfSatisfying(Delivered.class,
                d -> assertThat(d.responseBody()).isEqualTo("0123456789"));
        assertThat(exact.outcome()).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.responseBody()).isEqualTo("0123456789"));
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // as for the deadline tests above
    void an_endless_response_body_is_cut_at_the_limit_instead_of_read_to_the_deadline() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.endlessBody(200));
        WebhookSender sender = sender(TestDeliveryProperties.sending(Duration.ofSeconds(20), 100));

        Attempt attempt = sender.send(request(receiver.url("/")));

        // Draining the rest would only end at the 20 s deadline, as a TIMEOUT.
        assertThat(attempt.outcome()).isInstanceOfSatisfying(Delivered.class,
                d -> assertThat(d.responseBody()).hasSize(100).matches("x+"));
        assertThat(sender.send(request(receiver.url("/"))).outcome()).isInstanceOf(Delivered.class);
    }

    @Test
    void malformed_utf8_in_a_response_body_is_replaced_not_fatal() {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(500).withBody(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}));

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request(receiver.url("/")));

        assertThat(failed.responseBody()).startsWith("ok").contains("\uFFFD");
    }

    @Test
    void many_virtual_threads_can_send_at_once() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.http());
        receiver.answer(Reply.status(200).after(Duration.ofMillis(50)));
        WebhookSender sender = sender(TestDeliveryProperties.defaults());

        List<Future<Attempt>> attempts = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                long eventId = i;
                attempts.add(threads.submit(() -> sender.send(request(eventId, receiver.url("/"), 200))));
            }
        }

        for (Future<Attempt> attempt : attempts) {
            assertThat(attempt.get().outcome()).isInstanceOf(Delivered.class);
        }
        assertThat(receiver.requests()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void connects_from_the_configured_local_address() throws Exception {
        TestReceiver receiver = receiver(TestReceiver.http());
        InetAddress source = InetAddress.getByName("127.0.0.2");
        WebhookSender sender = closing(new WebhookSender(TestDeliveryProperties.defaults(),
                new WebhookSender.Route(SystemDefaultDnsResolver.INSTANCE, null, source, null), clock, "Hookline/test"));

        assertThat(sender.send(request(receiver.url("/"))).outcome()).isInstanceOf(Delivered.class);
        assertThat(receiver.requests()).singleElement().extracting(r -> r.remoteAddress()).isEqualTo(source);
    }

    @Test
    void goes_through_the_configured_proxy() throws Exception {
        TestReceiver proxy = receiver(TestReceiver.http());
        WebhookSender sender = closing(new WebhookSender(TestDeliveryProperties.defaults(),
                new WebhookSender.Route(SystemDefaultDnsResolver.INSTANCE, new HttpHost("http", "127.0.0.1", proxy.port()),
                        null, null), clock, "Hookline/test"));

        Attempt attempt = sender.send(request("http://receiver.example:8080/hooks"));

        assertThat(attempt.outcome()).isInstanceOf(Delivered.class);
        assertThat(proxy.requests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("http://receiver.example:8080/hooks");
            assertThat(r.header("host")).isEqualTo("receiver.example:8080");
        });
    }

    @Test
    void an_invalid_secret_fails_the_try_without_sending_anything() {
        TestReceiver receiver = receiver(TestReceiver.http());
        var request = new DeliveryRequest(42, receiver.url("/"), BODY, DeliveryRequest.ContentType.JSON,
                List.of("not-a-secret"), List.of(), 200);

        Failed failed = failedTry(sender(TestDeliveryProperties.defaults()), request);

        assertThat(failed.kind()).isEqualTo(ErrorKind.OTHER);
        assertThat(failed.error()).doesNotContain("not-a-secret");
        assertThat(receiver.requests()).isEmpty();
    }

    /** Stands in for io.hookline.egress.EgressBlockedIOException, which the sender matches by simple name. */
    static final class EgressBlockedIOException extends UnknownHostException {
        EgressBlockedIOException(String message) {
            super(message);
        }
    }

    private Failed failedTry(WebhookSender sender, DeliveryRequest request) {
        DeliveryOutcome outcome = sender.send(request).outcome();
        assertThat(outcome).isInstanceOf(Failed.class);
        return (Failed) outcome;
    }

    static DeliveryRequest request(String url) {
        return request(42, url, 200);
    }

    static DeliveryRequest request(String url, int expected) {
        return request(42, url, expected);
    }

    static DeliveryRequest request(long eventId, String url, int expected) {
        return new DeliveryRequest(eventId, url, BODY, DeliveryRequest.ContentType.JSON, List.of(SECRET), List.of(),
                expected);
    }

    private WebhookSender sender(DeliveryProperties properties) {
        return sender(properties, TestCertificates.localhost().trustingContext());
    }

    private WebhookSender sender(SSLContext trust) {
        return sender(TestDeliveryProperties.defaults(), trust);
    }

    private WebhookSender sender(DeliveryProperties properties, SSLContext trust) {
        return closing(new WebhookSender(properties,
                new WebhookSender.Route(SystemDefaultDnsResolver.INSTANCE, null, null, trust), clock, "Hookline/test"));
    }

    private TestReceiver receiver(TestReceiver receiver) {
        return closing(receiver);
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
