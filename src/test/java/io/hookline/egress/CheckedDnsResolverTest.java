package io.hookline.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Real HTTP through Apache HttpClient 5 to a receiver on the loopback interface, port 0. */
class CheckedDnsResolverTest {

    /** What the local receiver saw: request URI and the client's address, one entry per request. */
    private record Seen(String uri, InetAddress from) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final StubHostResolver resolver = new StubHostResolver();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        receiver.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestURI().toString(), exchange.getRemoteAddress().getAddress()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private int port() {
        return receiver.getAddress().getPort();
    }

    private EgressProperties properties(String proxy, String bindAddress, String... allowedCidrs) {
        return new EgressProperties(true, List.of(allowedCidrs), proxy, bindAddress, List.of());
    }

    private static int get(DnsResolver dnsResolver, HttpRoutePlanner routePlanner, String uri) throws IOException {
        var connections = PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(dnsResolver).build();
        var builder = HttpClients.custom().setConnectionManager(connections);
        if (routePlanner != null) {
            builder.setRoutePlanner(routePlanner);
        }
        try (CloseableHttpClient client = builder.build()) {
            return client.execute(new HttpGet(uri), response -> response.getCode());
        }
    }

    @Test
    void client_refuses_to_connect_to_localhost_and_says_why() {
        EgressPolicy policy = new EgressPolicy(properties("", ""), new SystemHostResolver());

        assertThatThrownBy(() -> get(new CheckedDnsResolver(policy), null, "http://localhost:" + port() + "/hooks"))
                .isInstanceOf(EgressBlockedIOException.class)
                .hasMessage("webhookUri host localhost resolves to 127.0.0.1, a loopback address" + EgressPolicy.ALLOW_ADDRESSES_HINT);
        assertThat(seen).isEmpty();
    }

    @Test
    void client_connects_to_localhost_when_its_address_is_allowed() throws IOException {
        EgressPolicy policy = new EgressPolicy(properties("", "", "127.0.0.1/32"), new SystemHostResolver());

        assertThat(get(new CheckedDnsResolver(policy), null, "http://localhost:" + port() + "/hooks")).isEqualTo(204);
        assertThat(seen).extracting(Seen::uri).containsExactly("/hooks");
    }

    @Test
    void client_refuses_ambiguous_numeric_hosts_before_connecting() {
        EgressPolicy policy = new EgressPolicy(properties("", ""), resolver);

        for (String host : List.of("2130706433", "0x7f000001", "0177.0.0.1", "[::ffff:127.0.0.1]", "[::1]")) {
            assertThatThrownBy(() -> get(new CheckedDnsResolver(policy), null, "http://" + host + ":" + port() + "/"))
                    .as(host)
                    .isInstanceOf(EgressBlockedIOException.class);
        }
        assertThat(seen).isEmpty();
        assertThat(resolver.lookups).isEmpty();
    }

    @Test
    void client_connects_only_to_the_address_that_was_checked() throws IOException {
        // loopback.example exists only in the stub: reaching the receiver proves the client used the
        // checked answer rather than a lookup of its own, and one lookup means none could rebind.
        EgressPolicy policy = new EgressPolicy(properties("", "", "127.0.0.1/32"), resolver);

        assertThat(get(new CheckedDnsResolver(policy), null, "http://loopback.example:" + port() + "/")).isEqualTo(204);
        assertThat(resolver.lookups).containsExactly("loopback.example");
    }

    @Test
    void a_name_that_rebinds_to_loopback_after_it_was_saved_is_refused_when_sent() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1"));
        EgressPolicy policy = new EgressPolicy(properties("", ""), rebinding);
        String uri = "http://rebind.example:" + port() + "/";

        policy.checkUri(uri);

        assertThatThrownBy(() -> get(new CheckedDnsResolver(policy), null, uri))
                .isInstanceOf(EgressBlockedIOException.class)
                .hasMessage("webhookUri host rebind.example resolves to 127.0.0.1, a loopback address" + EgressPolicy.ALLOW_ADDRESSES_HINT);
        assertThat(seen).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void routes_connect_from_the_configured_bind_address() throws IOException {
        EgressProperties properties = properties("", "127.0.0.2", "127.0.0.1/32");
        EgressRoutes routes = new EgressRoutes(properties, new EgressPolicy(properties, resolver), resolver);

        assertThat(get(routes.dnsResolver(), routes.routePlanner(), "http://127.0.0.1:" + port() + "/")).isEqualTo(204);
        assertThat(seen).extracting(Seen::from).containsExactly(InetAddress.getByName("127.0.0.2"));
    }

    @Test
    void routes_send_through_the_proxy_which_is_not_subject_to_the_receiver_checks() throws IOException {
        // The local server plays the proxy; no CIDR is allowed, yet the proxy on loopback is reachable.
        EgressProperties properties = properties("http://localhost:" + port(), "");
        EgressRoutes routes = new EgressRoutes(properties, new EgressPolicy(properties, resolver), resolver);

        assertThat(get(routes.dnsResolver(), routes.routePlanner(), "http://public.example/hooks")).isEqualTo(204);
        assertThat(seen).extracting(Seen::uri).containsExactly("http://public.example/hooks");
        assertThat(resolver.lookups).containsExactly("localhost");
    }

    @Test
    void without_a_proxy_the_routes_resolver_checks_every_host() {
        EgressProperties properties = properties("", "");
        EgressRoutes routes = new EgressRoutes(properties, new EgressPolicy(properties, resolver), resolver);

        assertThatThrownBy(() -> routes.dnsResolver().resolve("localhost")).isInstanceOf(EgressBlockedIOException.class);
        assertThat(routes.proxy()).isNull();
        assertThat(routes.bindAddress()).isNull();
    }

    @Test
    void canonical_hostname_is_the_host_itself_without_a_lookup() {
        EgressPolicy policy = new EgressPolicy(properties("", ""), resolver);

        assertThat(new CheckedDnsResolver(policy).resolveCanonicalHostname("public.example")).isEqualTo("public.example");
        assertThat(resolver.lookups).isEmpty();
    }
}
