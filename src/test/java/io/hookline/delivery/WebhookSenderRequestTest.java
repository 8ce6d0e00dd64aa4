package io.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

import io.hookline.delivery.DeliveryRequest.ContentType;
import io.hookline.delivery.DeliveryRequest.Header;
import io.hookline.testing.ReceivedRequest;
import io.hookline.testing.SettableClock;
import io.hookline.testing.TestCertificates;
import io.hookline.capture.Resource;
import io.hookline.testing.PayloadConformance;
import io.hookline.testing.TestReceiver;

/** What a receiver gets (docs/receiving.md), checked on the receiving side with independent verifiers. */
class WebhookSenderRequestTest {

    private static final String SECRET = WebhookSenderTest.SECRET;
    private static final String BODY = PayloadConformance.example(Resource.RUNS, Resource.Action.CREATE,
            Map.of("title", "Prüfung & Co ✓ a=b c"));

    private final SettableClock clock = SettableClock.atRealTimeNow();
    private TestReceiver receiver;
    private WebhookSender sender;

    @BeforeEach
    void start() {
        receiver = TestReceiver.https();
        sender = new WebhookSender(TestDeliveryProperties.defaults(), new WebhookSender.Route(SystemDefaultDnsResolver.INSTANCE,
                null, null, TestCertificates.localhost().trustingContext()), clock, "Hookline/0.1.0");
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.close();
    }

    @Test
    void a_json_delivery_carries_the_exact_body_and_the_hookline_headers() {
        sender.send(json(List.of(SECRET), List.of()));

        ReceivedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/hooks");
        assertThat(got.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(got.header("user-agent")).isEqualTo("Hookline/0.1.0");
        assertThat(got.header("webhook-id")).isEqualTo("evt_42");
        assertThat(got.header("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(got.headers()).doesNotContainKeys("cookie", "accept-encoding", "expect", "upgrade");
    }

    @Test
    void both_signatures_verify_on_the_receiving_side() {
        sender.send(json(List.of(SECRET), List.of()));

        ReceivedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThatCode(() -> new Webhook(SECRET).verify(got.bodyText(), got.headers())).doesNotThrowAnyException();
        assertThat(got.header("x-ion-signature")).isEqualTo(ionSignature(SECRET, got.body()));
    }

    @Test
    void while_a_rotated_secret_overlaps_both_secrets_verify_and_x_ion_uses_the_current_one() {
        String current = WebhookSigner.newSecret(new SecureRandom());

        sender.send(json(List.of(current, SECRET), List.of()));

        ReceivedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThatCode(() -> new Webhook(current).verify(got.bodyText(), got.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(SECRET).verify(got.bodyText(), got.headers())).doesNotThrowAnyException();
        assertThat(got.header("x-ion-signature")).isEqualTo(ionSignature(current, got.body()));
    }

    @Test
    void a_form_delivery_sends_the_url_encoded_json_as_payload_and_signs_those_exact_bytes() {
        sender.send(new DeliveryRequest(42, receiver.url("/hooks"), BODY, ContentType.FORM_URLENCODED,
                List.of(SECRET), List.of(), 200));

        ReceivedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(got.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(got.bodyText()).isEqualTo("payload=" + URLEncoder.encode(BODY, StandardCharsets.UTF_8));
        assertThat(URLDecoder.decode(got.bodyText().substring("payload=".length()), StandardCharsets.UTF_8))
                .isEqualTo(BODY);
        assertThatCode(() -> new Webhook(SECRET).verify(got.bodyText(), got.headers())).doesNotThrowAnyException();
        assertThat(got.header("x-ion-signature")).isEqualTo(ionSignature(SECRET, got.body()));
    }

    @Test
    void custom_headers_are_sent_but_never_replace_the_signed_or_protocol_headers() {
        sender.send(json(List.of(SECRET), List.of(
                new Header("X-Tenant", "acme"),
                new Header("Authorization", "Bearer receiver-token"),
                new Header("Webhook-Signature", "v1,forged"),
                new Header("WEBHOOK-ID", "evt_1"),
                new Header("x-ion-signature", "forged"),
                new Header("Content-Type", "text/plain"),
                new Header("User-Agent", "curl"),
                new Header("Content-Length", "1"),
                new Header("Host", "evil.example"),
                new Header("Transfer-Encoding", "chunked"),
                new Header("Connection", "close"),
                new Header("X-Smuggle", "a\r\nX-Injected: yes"))));

        ReceivedRequest got = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(got.header("x-tenant")).isEqualTo("acme");
        assertThat(got.header("authorization")).isEqualTo("Bearer receiver-token");
        assertThat(got.headerValues("webhook-signature")).singleElement().asString().doesNotContain("forged");
        assertThat(got.headerValues("webhook-id")).containsExactly("evt_42");
        assertThat(got.headerValues("x-ion-signature")).singleElement().isEqualTo(ionSignature(SECRET, got.body()));
        assertThat(got.headerValues("content-type")).containsExactly("application/json");
        assertThat(got.headerValues("user-agent")).containsExactly("Hookline/0.1.0");
        assertThat(got.headerValues("content-length")).containsExactly(Integer.toString(got.body().length));
        assertThat(got.headerValues("host")).containsExactly("localhost:" + receiver.port());
        assertThat(got.headers()).doesNotContainKeys("transfer-encoding", "x-smuggle", "x-injected");
        assertThatCode(() -> new Webhook(SECRET).verify(got.bodyText(), got.headers())).doesNotThrowAnyException();
    }

    @Test
    void every_try_of_an_event_has_the_same_webhook_id_and_the_timestamp_of_that_try() {
        sender.send(json(List.of(SECRET), List.of()));
        clock.advance(Duration.ofSeconds(30));
        sender.send(json(List.of(SECRET), List.of()));

        List<ReceivedRequest> got = receiver.awaitRequests(2, Duration.ofSeconds(5));
        assertThat(got).extracting(r -> r.header("webhook-id")).containsExactly("evt_42", "evt_42");
        assertThat(Long.parseLong(got.get(1).header("webhook-timestamp")))
                .isEqualTo(Long.parseLong(got.get(0).header("webhook-timestamp")) + 30);
        assertThat(got).extracting(ReceivedRequest::body).allSatisfy(
                body -> assertThat(body).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8)));
    }

    private DeliveryRequest json(List<String> secrets, List<Header> customHeaders) {
        return new DeliveryRequest(42, receiver.url("/hooks"), BODY, ContentType.JSON, secrets, customHeaders, 200);
    }

    /** The x-ion-signature computed by hand, as a receiver would. */
    private static String ionSignature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
