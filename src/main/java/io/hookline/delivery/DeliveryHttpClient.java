package io.hookline.delivery;

import java.net.InetAddress;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client every send shares: a classic, pooled Apache client that does exactly one exchange per
 * call. It follows no redirects, retries nothing, keeps no cookies, sends no auth and asks for no
 * compression, so a receiver sees only the headers Hookline sets.
 */
final class DeliveryHttpClient {

    private DeliveryHttpClient() {
    }

    static CloseableHttpClient create(DeliveryProperties properties, DnsResolver dnsResolver, HttpHost proxy,
                                      InetAddress localAddress, SSLContext sslContext) {
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dnsResolver)
                .setTlsSocketStrategy(sslContext == null
                        ? DefaultClientTlsStrategy.createSystemDefault()
                        : new DefaultClientTlsStrategy(sslContext))
                .setMaxConnTotal(properties.maxInFlight())
                .setMaxConnPerRoute(io.hookline.receiver.DeliveryControls.MAX_CONCURRENCY)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout(properties.connectTimeout()))
                        // A per-read timeout; the hard deadline in send() bounds the whole try.
                        .setSocketTimeout(timeout(properties.requestTimeout()))
                        // Receivers drop idle keep-alive connections; check before reuse so a stale
                        // one doesn't turn into a spurious CONNECTION_RESET (there are no automatic retries).
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .setRoutePlanner(new SenderRoutePlanner(proxy, localAddress))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout(properties.requestTimeout()))
                        .setResponseTimeout(timeout(properties.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictExpiredConnections()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .addExecInterceptorFirst("tracing", io.hookline.tracing.Tracing.deliveryTries())
                .addRequestInterceptorLast(RequestCapture.lastInterceptor())
                .build();
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }
}
