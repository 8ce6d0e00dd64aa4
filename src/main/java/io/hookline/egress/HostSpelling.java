package io.hookline.egress;

import java.net.IDN;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a webhook's host is written, read before any address is judged: the host part of a URI
 * authority, an IP literal (refusing spellings resolvers disagree on), a DNS name in the form DNS
 * knows, and the names that mean this machine or a private network whatever DNS answers.
 */
final class HostSpelling {

    /**
     * Names that mean this machine or a private network in every resolver, whatever DNS answers:
     * RFC 6761 {@code localhost}, the {@code /etc/hosts} aliases of Debian and others, mDNS
     * {@code .local}, and the private-use {@code .internal} (cloud metadata is metadata.google.internal).
     */
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "ip6-loopback", "metadata");
    private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".home.arpa",
            ".localdomain");

    private HostSpelling() {
    }

    /** A local name in any spelling: any case, with or without the root's trailing dot. */
    static boolean isLocalName(String asciiName) {
        String name = asciiName.endsWith(".") ? asciiName.substring(0, asciiName.length() - 1) : asciiName;
        return LOCAL_NAMES.contains(name) || LOCAL_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /**
     * The address a host spells, or empty for a DNS name. Numeric hosts other than canonical dotted
     * quads are refused as ambiguous: resolvers and URL parsers disagree on what {@code 0177.0.0.1}
     * or {@code 127.1} mean, so the message says what {@code inet_aton} would make of them.
     */
    static Optional<InetAddress> literal(String host) {
        if (host.isEmpty()) {
            throw new EgressRefusedException("webhookUri must name a host");
        }
        if (host.startsWith("[") || host.contains(":")) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            byte[] bytes = IpLiterals.ipv6(bare);
            if (bytes == null) {
                throw new EgressRefusedException("webhookUri host " + host + " is not a valid IPv6 address");
            }
            return Optional.of(IpLiterals.address(bytes));
        }
        if (!IpLiterals.endsInNumber(host)) {
            return Optional.empty();
        }
        byte[] bytes = IpLiterals.canonicalIpv4(host);
        if (bytes != null) {
            return Optional.of(IpLiterals.address(bytes));
        }
        OptionalLong value = IpLiterals.inetAton(host);
        if (value.isEmpty()) {
            throw new EgressRefusedException("webhookUri host " + host + " is neither a host name nor an IPv4 address");
        }
        InetAddress meaning = IpLiterals.ipv4(value.getAsLong());
        String reason = AddressClassifier.refusal(meaning).map(r -> ", " + r).orElse("");
        throw new EgressRefusedException("webhookUri host " + host + " is an ambiguous spelling of "
                + meaning.getHostAddress() + reason + "; write IPv4 addresses as four decimal numbers");
    }

    /**
     * The name as DNS knows it, in lower case. HttpClient hands over punycode names decoded to
     * Unicode, so they are encoded again here; anything that is not a valid host name is refused
     * before any lookup.
     */
    static String asciiName(String host) {
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalid) {
            throw new EgressRefusedException("webhookUri host " + host + " is not a valid host name");
        }
    }

    /** The host of a raw URI authority without user info: a bracketed IPv6 literal or up to the port. */
    static String hostOf(String authority) {
        int portColon = authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.lastIndexOf(':');
        if (portColon <= 0) {
            return authority;
        }
        String port = authority.substring(portColon + 1);
        if (!port.matches("[0-9]{0,5}") || (!port.isEmpty() && Integer.parseInt(port) > 65535)) {
            throw new EgressRefusedException("webhookUri port " + port + " is not a port number");
        }
        if (!port.isEmpty() && Integer.parseInt(port) == 0) {
            throw new EgressRefusedException("webhookUri port 0 is not a port a receiver can listen on: use 1 to 65535");
        }
        return authority.substring(0, portColon);
    }
}
