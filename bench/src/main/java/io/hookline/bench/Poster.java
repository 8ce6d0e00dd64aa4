package io.hookline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts a webhook body the way Hookline's sender does, without a database: the same Apache HttpClient 5
 * classic client, pooled with the same caps (connections in total, per receiver) and timeouts, and the
 * same headers, both signatures included. The baselines share it so that only the database work differs.
 */
final class Poster implements AutoCloseable {

    private static final byte[] KEY = "bench-shared-secret-bench-shared".getBytes(StandardCharsets.UTF_8);

    private final CloseableHttpClient client;

    Poster(int maxTotal, int perRoute) {
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxTotal)
                .setMaxConnPerRoute(perRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(15))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        client = HttpClients.custom().setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(15))
                        .setResponseTimeout(Timeout.ofSeconds(15))
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().disableContentCompression()
                .build();
    }

    /** One POST; true on 200. Never throws for what the network does. */
    boolean post(String url, String id, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        HttpPost post = new HttpPost(url);
        post.setHeader("user-agent", "Hookline-bench/0.1.0");
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", "v1," + Base64.getEncoder().encodeToString(
                hmac(id + "." + timestamp + "." + body)));
        post.setHeader("x-ion-signature", HexFormat.of().formatHex(hmac(body)));
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            return client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode() == 200;
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
