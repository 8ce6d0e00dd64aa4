package io.hookline.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Apache HttpClient's name lookup, answered by {@link EgressPolicy#resolve}: the client connects only
 * to addresses that were just checked, with no second lookup a rebinding DNS server could answer
 * differently. Refusals surface as {@link EgressBlockedIOException}.
 *
 * <p>The configured proxy, if any, is resolved without the check: operators usually run it on a
 * private address, and with a proxy the client never looks up a receiver's host itself.
 */
public class CheckedDnsResolver implements DnsResolver {

    private final EgressPolicy policy;
    private final String proxyHost;
    private final HostResolver proxyResolver;

    public CheckedDnsResolver(EgressPolicy policy) {
        this(policy, null, null);
    }

    CheckedDnsResolver(EgressPolicy policy, String proxyHost, HostResolver proxyResolver) {
        this.policy = policy;
        this.proxyHost = proxyHost;
        this.proxyResolver = proxyResolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (proxyHost != null && proxyHost.equalsIgnoreCase(host)) {
            return proxyResolver.resolve(host).toArray(InetAddress[]::new);
        }
        try {
            return policy.resolve(host).toArray(InetAddress[]::new);
        } catch (EgressRefusedException refused) {
            throw new EgressBlockedIOException(refused);
        }
    }

    /** Only Kerberos/SPNEGO authentication asks for this; webhooks never use it. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
