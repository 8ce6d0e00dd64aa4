package io.hookline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test receiver is shared by many tests, so it gets its own. */
class TestReceiverTest {

    @Test
    void answers_by_request_number_over_the_default_and_records_what_arrived() throws Exception {
        try (TestReceiver receiver = TestReceiver.http(); HttpClient client = HttpClient.newHttpClient()) {
            receiver.answer(Reply.status(500)).answer(2, Reply.status(202).withBody("second"));

            var first = client.send(post(receiver.url("/a?x=1"), "one"), HttpResponse.BodyHandlers.ofString());
            var second = client.send(post(receiver.url("/b"), "two"), HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(second.statusCode()).isEqualTo(202);
            assertThat(second.body()).isEqualTo("second");
            assertThat(receiver.awaitRequests(2, Duration.ofSeconds(5))).satisfiesExactly(
                    r -> {
                        assertThat(r.number()).isEqualTo(1);
                        assertThat(r.path()).isEqualTo("/a");
                        assertThat(r.target()).isEqualTo("/a?x=1");
                        assertThat(r.bodyText()).isEqualTo("one");
                        assertThat(r.header("X-Test")).isEqualTo("yes");
                    },
                    r -> assertThat(r.bodyText()).isEqualTo("two"));
        }
    }

    @Test
    void reads_chunked_request_bodies() throws Exception {
        try (TestReceiver receiver = TestReceiver.http(); HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(receiver.url("/c")))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> stream("streamed body"))).build();

            client.send(chunked, HttpResponse.BodyHandlers.discarding());

            assertThat(receiver.request(1).header("transfer-encoding")).isEqualTo("chunked");
            assertThat(receiver.request(1).bodyText()).isEqualTo("streamed body");
        }
    }

    @Test
    void serves_https_with_a_certificate_a_written_trust_store_trusts(@TempDir Path dir) throws Exception {
        TestCertificates.TrustStoreFile file = TestCertificates.localhost().writeTrustStore(dir);
        KeyStore store = KeyStore.getInstance(file.type());
        try (InputStream in = Files.newInputStream(file.path())) {
            store.load(in, file.password().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        try (TestReceiver receiver = TestReceiver.https();
             HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
            var response = client.send(post(receiver.url("/tls"), "x"), HttpResponse.BodyHandlers.ofString());

            assertThat(receiver.url("/tls")).startsWith("https://localhost:");
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes());
    }
}
