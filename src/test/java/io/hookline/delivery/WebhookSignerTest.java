package io.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

class WebhookSignerTest {

    private static final String BODY = "{\"event_id\":42,\"resource\":\"RUNS\",\"data\":{\"name\":\"Prüfung ✓\"}}";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void webhook_signature_verifies_with_the_standard_webhooks_library() throws Exception {
        String secret = WebhookSigner.newSecret(RANDOM);
        long now = Instant.now().getEpochSecond();

        var headers = WebhookSigner.sign(42, now, BODY, List.of(secret));

        assertThatCode(() -> new Webhook(secret).verify(BODY, asMap(headers))).doesNotThrowAnyException();
        assertThat(headers.webhookSignature()).isEqualTo(new Webhook(secret).sign("evt_42", now, BODY));
    }

    @Test
    void webhook_id_and_timestamp_name_the_event_and_the_second_of_the_try() {
        var headers = WebhookSigner.sign(42, 1_764_411_330L, BODY, List.of(WebhookSigner.newSecret(RANDOM)));

        assertThat(headers.webhookId()).isEqualTo("evt_42");
        assertThat(headers.webhookTimestamp()).isEqualTo("1764411330");
        assertThat(headers.asList()).extracting(DeliveryRequest.Header::key)
                .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature", "x-ion-signature");
    }

    @Test
    void x_ion_signature_is_lowercase_hex_hmac_of_the_body_keyed_by_the_whole_current_secret() throws Exception {
        String secret = WebhookSigner.newSecret(RANDOM);

        var headers = WebhookSigner.sign(42, 1_764_411_330L, BODY, List.of(secret));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(BODY.getBytes(StandardCharsets.UTF_8)));
        assertThat(headers.ionSignature()).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void a_rotated_pair_signs_with_both_secrets_current_first_and_x_ion_uses_the_current_one() throws Exception {
        String current = WebhookSigner.newSecret(RANDOM);
        String previous = WebhookSigner.newSecret(RANDOM);
        long now = Instant.now().getEpochSecond();

        var headers = WebhookSigner.sign(42, now, BODY, List.of(current, previous));

        assertThat(headers.webhookSignature().split(" ")).containsExactly(
                new Webhook(current).sign("evt_42", now, BODY), new Webhook(previous).sign("evt_42", now, BODY));
        assertThatCode(() -> new Webhook(current).verify(BODY, asMap(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous).verify(BODY, asMap(headers))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(WebhookSigner.newSecret(RANDOM)).verify(BODY, asMap(headers)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(headers.ionSignature())
                .isEqualTo(WebhookSigner.sign(42, now, BODY, List.of(current)).ionSignature());
    }

    @Test
    void the_signature_covers_the_body_so_a_changed_body_does_not_verify() {
        String secret = WebhookSigner.newSecret(RANDOM);
        var headers = WebhookSigner.sign(42, Instant.now().getEpochSecond(), BODY, List.of(secret));

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY + " ", asMap(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void a_new_secret_is_whsec_and_base64_of_32_random_bytes() {
        String secret = WebhookSigner.newSecret(RANDOM);

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.isValidSecret(secret)).isTrue();
        assertThat(WebhookSigner.newSecret(RANDOM)).isNotEqualTo(secret);
    }

    @Test
    void a_valid_secret_is_whsec_and_base64_of_24_to_64_bytes() {
        assertThat(WebhookSigner.isValidSecret(secretOf(24))).isTrue();
        assertThat(WebhookSigner.isValidSecret(secretOf(64))).isTrue();
        assertThat(WebhookSigner.isValidSecret(secretOf(23))).isFalse();
        assertThat(WebhookSigner.isValidSecret(secretOf(65))).isFalse();
        assertThat(WebhookSigner.isValidSecret(secretOf(32).substring(6))).as("no prefix").isFalse();
        assertThat(WebhookSigner.isValidSecret("whsec_not*base64!")).isFalse();
        assertThat(WebhookSigner.isValidSecret("")).isFalse();
        assertThat(WebhookSigner.isValidSecret(null)).isFalse();
    }

    @Test
    void signing_with_an_invalid_secret_fails_without_revealing_it() {
        String bad = "whsec_c2hvcnQ=";

        assertThatThrownBy(() -> WebhookSigner.sign(42, 1L, BODY, List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(bad).doesNotContain("c2hvcnQ");
        assertThatThrownBy(() -> WebhookSigner.sign(42, 1L, BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signatures_made_at_once_on_many_threads_each_verify() throws Exception {
        List<String> secrets = IntStream.range(0, 8).mapToObj(i -> WebhookSigner.newSecret(RANDOM)).toList();
        long now = Instant.now().getEpochSecond();
        var failures = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                String secret = secrets.get(t);
                long eventId = t;
                threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        var headers = WebhookSigner.sign(eventId * 10_000 + i, now, BODY, List.of(secret));
                        try {
                            new Webhook(secret).verify(BODY, asMap(headers));
                        } catch (Exception wrong) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(failures).hasValue(0);
    }

    private static String secretOf(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static Map<String, List<String>> asMap(WebhookSigner.SignatureHeaders headers) {
        return Map.of("webhook-id", List.of(headers.webhookId()),
                "webhook-timestamp", List.of(headers.webhookTimestamp()),
                "webhook-signature", List.of(headers.webhookSignature()));
    }
}
