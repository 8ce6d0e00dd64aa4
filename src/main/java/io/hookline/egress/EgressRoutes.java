package io.hookline.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.springframework.stereotype.Component;

/**
 * How webhook connections leave this process: through the configured proxy or directly, from the
 * configured source address or the system's choice, with names looked up by
 * {@link CheckedDnsResolver}. The sender installs {@link #dnsResolver()} on its connection manager
 * and {@link #routePlanner()} on its client.
 */
@Component
public class EgressRoutes {

    private final HttpHost proxy;
    private final InetAddress bindAddress;
    private final CheckedDnsResolver dnsResolver;
    private final HttpRoutePlanner routePlanner;

    public EgressRoutes(EgressProperties properties, EgressPolicy policy, HostResolver resolver) {
        this.proxy = parseProxy(properties.proxy());
        this.bindAddress = parseBindAddress(properties.bindAddress());
        this.dnsResolver = new CheckedDnsResolver(policy, proxy == null ? null : proxy.getHostName(), resolver);
        this.routePlanner = new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE) {
            @Override
            protected HttpHost determineProxy(HttpHost target, HttpContext context) {
                return proxy;
            }

            @Override
            protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
                return bindAddress;
            }
        };
    }

    /** The proxy every webhook goes through, or null to connect directly. */
    public HttpHost proxy() {
        return proxy;
    }

    /** The local address connections are made from, or null for the system's choice. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** Checked lookups for receiver hosts; the configured proxy's name is looked up unchecked. */
    public DnsResolver dnsResolver() {
        return dnsResolver;
    }

    /** Routes through {@link #proxy()} (when set) from {@link #bindAddress()} (when set). */
    public HttpRoutePlanner routePlanner() {
        return routePlanner;
    }

    static HttpHost parseProxy(String proxy) {
        if (proxy.isEmpty()) {
            return null;
        }
        String problem = "hookline.egress.proxy '" + proxy
                + "' must be an http or https URI with a host and no user info or path, such as http://proxy:3128";
        URI uri;
        try {
            uri = new URI(proxy);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        boolean httpScheme = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!httpScheme || uri.getHost() == null || uri.getRawUserInfo() != null || !noPath
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(problem);
        }
        return new HttpHost(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort());
    }

    /** A literal only: a name would be looked up once at start-up and silently go stale. */
    static InetAddress parseBindAddress(String bindAddress) {
        if (bindAddress.isEmpty()) {
            return null;
        }
        byte[] bytes = bindAddress.contains(":") ? IpLiterals.ipv6(bindAddress) : IpLiterals.canonicalIpv4(bindAddress);
        if (bytes == null) {
            throw new IllegalArgumentException(
                    "hookline.egress.bind-address '" + bindAddress + "' must be an IPv4 dotted quad or IPv6 address");
        }
        return IpLiterals.address(bytes);
    }
}
