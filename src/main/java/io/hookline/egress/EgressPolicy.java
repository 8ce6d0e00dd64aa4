package io.hookline.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Decides where webhooks may go (docs/operations.md, "Egress"): https only, and never to an address that reaches this
 * machine, the local network or cloud metadata, unless an operator listed it in
 * {@code hookline.egress.allowed-cidrs}. Checked when a receiver is saved ({@link #checkUri}) and
 * again at every send ({@link #resolve}, through {@link CheckedDnsResolver}), because DNS answers
 * change between the two.
 */
@Component
public class EgressPolicy {

    /** The settings an operator changes to allow what a refusal refuses, named in every refusal. */
    static final String ALLOW_ADDRESSES_HINT = "; to allow it (e.g. a local receiver in development), list its address in "
            + "HOOKLINE_EGRESS_ALLOWEDCIDRS (hookline.egress.allowed-cidrs)";
    static final String ALLOW_HTTP_HINT = " (http:// only with HOOKLINE_EGRESS_ALLOWHTTP=true, for development)";

    private final boolean allowHttp;
    private final List<Cidr> allowedCidrs;
    private final HostResolver resolver;

    public EgressPolicy(EgressProperties properties, HostResolver resolver) {
        this.allowHttp = properties.allowHttp();
        this.allowedCidrs = properties.allowedCidrs().stream().map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /**
     * Refuses a receiver's {@code webhookUri} that is not an absolute https (or, when allowed, http)
     * URI with a host, that carries user info, or whose host is or resolves to a refused address.
     * A name that does not resolve at all is accepted; it is checked again at every send.
     * Fragments are allowed: the client never sends them.
     *
     * @throws EgressRefusedException saying what is wrong, naming {@code webhookUri}
     */
    public void checkUri(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("webhookUri is not a valid URI: " + e.getMessage());
        }
        if (!parsed.isAbsolute()) {
            throw new EgressRefusedException("webhookUri must be an absolute URI such as https://example.com/hooks");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new EgressRefusedException(allowHttp ? "webhookUri must use https or http"
                    : "webhookUri must use https" + ALLOW_HTTP_HINT);
        }
        String authority = parsed.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new EgressRefusedException("webhookUri must name a host");
        }
        if (authority.contains("@")) {
            throw new EgressRefusedException("webhookUri must not contain user info; send credentials in a header");
        }
        String host = HostSpelling.hostOf(authority);
        // java.net.URI, which the sender uses too, leaves the host null for names it cannot read;
        // numeric ones get their own, clearer refusal from resolve.
        if (parsed.getHost() == null && !IpLiterals.endsInNumber(host)) {
            throw new EgressRefusedException("webhookUri host " + host + " is not a valid host name"
                    + " (write international names in punycode, xn--…)");
        }
        try {
            resolve(host);
        } catch (UnknownHostException e) {
            // A name that does not resolve yet reaches nothing, so it is accepted: the receiver's DNS
            // may be published later, and every send checks the addresses again before connecting.
        }
    }

    /**
     * The addresses to connect to for {@code host} (a name, a dotted quad, or an IPv6 literal with or
     * without brackets). Literals are read here, never by a resolver. If any address a name resolves
     * to is refused, the whole name is: a mixed answer is how DNS rebinding starts.
     *
     * @throws EgressRefusedException when the host or any of its addresses is refused
     * @throws UnknownHostException   when the name does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        Optional<InetAddress> literal = HostSpelling.literal(host);
        if (literal.isPresent()) {
            InetAddress address = literal.get();
            refusal(address).ifPresent(reason -> {
                throw new EgressRefusedException("webhookUri host " + host + " is " + reason + ALLOW_ADDRESSES_HINT);
            });
            return List.of(address);
        }
        String name = HostSpelling.asciiName(host);
        boolean localName = HostSpelling.isLocalName(name);
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            if (localName) {
                throw localNameRefusal(host);
            }
            throw e;
        }
        if (addresses == null || addresses.isEmpty()) {
            if (localName) {
                throw localNameRefusal(host);
            }
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            refusal(address).ifPresent(reason -> {
                throw new EgressRefusedException("webhookUri host " + host + " resolves to " + address.getHostAddress()
                        + ", " + reason + ALLOW_ADDRESSES_HINT);
            });
            if (localName && allowedCidrs.stream().noneMatch(cidr -> cidr.contains(address))) {
                throw localNameRefusal(host);
            }
        }
        return List.copyOf(addresses);
    }

    /** Refused by name, unless every address it resolves to is listed: whatever DNS says now, it means local. */
    private static EgressRefusedException localNameRefusal(String host) {
        return new EgressRefusedException("webhookUri host " + host + " is a local name (this machine or a private "
                + "network)" + ALLOW_ADDRESSES_HINT);
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowedCidrs.stream().anyMatch(cidr -> cidr.contains(address))) {
            return Optional.empty();
        }
        return AddressClassifier.refusal(address);
    }
}
