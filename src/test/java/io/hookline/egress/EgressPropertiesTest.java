package io.hookline.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds the record as start-up does, from property names, without a Spring context. */
class EgressPropertiesTest {

    private static EgressProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hookline.egress", Bindable.of(EgressProperties.class));
    }

    @Test
    void defaults_are_https_only_direct_and_nothing_exempt() {
        EgressProperties properties = bind(Map.of());

        assertThat(properties.allowHttp()).isFalse();
        assertThat(properties.allowedCidrs()).isEmpty();
        assertThat(properties.proxy()).isEmpty();
        assertThat(properties.bindAddress()).isEmpty();
        assertThat(properties.publicIps()).isEmpty();
    }

    @Test
    void binds_every_property() throws Exception {
        EgressProperties properties = bind(Map.of(
                "hookline.egress.allow-http", "true",
                "hookline.egress.allowed-cidrs", "127.0.0.1/32, fd00::/8",
                "hookline.egress.proxy", "http://proxy.internal:3128",
                "hookline.egress.bind-address", "10.0.0.7",
                "hookline.egress.public-ips", "54.148.105.168/32,35.82.251.171/32"));

        assertThat(properties.allowHttp()).isTrue();
        assertThat(properties.allowedCidrs()).containsExactly("127.0.0.1/32", "fd00::/8");
        assertThat(properties.publicIps()).containsExactly("54.148.105.168/32", "35.82.251.171/32");
        EgressRoutes routes = new EgressRoutes(properties, new EgressPolicy(properties, new StubHostResolver()),
                new StubHostResolver());
        assertThat(routes.proxy()).isEqualTo(new HttpHost("http", "proxy.internal", 3128));
        assertThat(routes.bindAddress()).isEqualTo(InetAddress.getByName("10.0.0.7"));
    }

    @Test
    void a_bad_cidr_stops_start_up_naming_the_entry() {
        assertThatThrownBy(() -> bind(Map.of("hookline.egress.allowed-cidrs", "127.0.0.1/32,10.0.0.0/33")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageStartingWith("hookline.egress.allowed-cidrs: '10.0.0.0/33'");
    }

    @Test
    void a_cidr_with_host_bits_is_refused_with_the_block_probably_meant() {
        assertThatThrownBy(() -> new EgressProperties(false, List.of("192.168.1.1/16"), "", "", List.of()))
                .hasMessage("hookline.egress.allowed-cidrs: '192.168.1.1/16' has bits set past its prefix;"
                        + " did you mean 192.168.0.0/16?");
    }

    @Test
    void a_misspelt_public_ip_is_refused_naming_it() {
        assertThatThrownBy(() -> new EgressProperties(false, List.of(), "", "", List.of("54.148.105.168/32", "54.148.105")))
                .hasMessageStartingWith("hookline.egress.public-ips: '54.148.105'");
    }

    @Test
    void a_proxy_must_be_an_http_uri_with_a_host_only() {
        for (String proxy : List.of("proxy:3128", "socks5://proxy:1080", "http://user:pw@proxy:3128",
                "http://proxy:3128/path", "http:///", "not a uri")) {
            assertThatThrownBy(() -> new EgressProperties(false, List.of(), proxy, "", List.of()))
                    .as(proxy)
                    .hasMessageStartingWith("hookline.egress.proxy '" + proxy + "' must be an http or https URI");
        }
    }

    @Test
    void a_bind_address_must_be_an_address_literal_not_a_name() {
        for (String bindAddress : List.of("eth0", "localhost", "10.1", "0x0a000001")) {
            assertThatThrownBy(() -> new EgressProperties(false, List.of(), "", bindAddress, List.of()))
                    .as(bindAddress)
                    .hasMessageStartingWith("hookline.egress.bind-address '" + bindAddress + "'");
        }
    }
}
