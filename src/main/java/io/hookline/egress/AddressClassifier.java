package io.hookline.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says why an address must not receive webhooks: it reaches this machine, the local network, the
 * cloud metadata service, or nowhere meaningful. Public unicast addresses get no reason.
 *
 * <p>Besides what docs/operations.md ("Egress") lists, benchmark (198.18.0.0/15), documentation (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), IETF protocol (192.0.0.0/24), reserved
 * (240.0.0.0/4) and deprecated site-local (fec0::/10) addresses are refused: none is a real receiver,
 * and some labs route the benchmark block internally.
 *
 * <p>IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped
 * ({@code ::ffff:0:0/96}, read as IPv4 by {@link Cidr}), IPv4-compatible ({@code ::/96}), 6to4
 * ({@code 2002::/16}, bits 16–48) and NAT64 ({@code 64:ff9b::/96}). So {@code ::ffff:8.8.8.8} passes
 * and {@code 64:ff9b::a9fe:a9fe} is refused as link-local. Teredo ({@code 2001::/32}) and local-use
 * NAT64 ({@code 64:ff9b:1::/48}) are refused outright: Teredo obfuscates its IPv4 part and the
 * local-use prefix embeds it at an operator-chosen position.
 */
final class AddressClassifier {

    private record Rule(Cidr range, String reason) {
    }

    private record Embedding(Cidr range, int offset, String form) {
    }

    private static final List<Rule> RULES = List.of(
            rule("0.0.0.0/8", "an unspecified (this-network) address"),
            rule("127.0.0.0/8", "a loopback address"),
            rule("10.0.0.0/8", "a private address"),
            rule("172.16.0.0/12", "a private address"),
            rule("192.168.0.0/16", "a private address"),
            rule("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            rule("169.254.0.0/16", "a link-local address (cloud metadata lives here)"),
            rule("192.0.0.0/24", "an IETF protocol address"),
            rule("192.0.2.0/24", "a documentation address"),
            rule("198.51.100.0/24", "a documentation address"),
            rule("203.0.113.0/24", "a documentation address"),
            rule("198.18.0.0/15", "a benchmarking address"),
            rule("224.0.0.0/4", "a multicast address"),
            rule("255.255.255.255/32", "the broadcast address"),
            rule("240.0.0.0/4", "a reserved address"),
            rule("::/128", "an unspecified address"),
            rule("::1/128", "a loopback address"),
            rule("64:ff9b:1::/48", "a local-use NAT64 address"),
            rule("2001::/32", "a Teredo tunnel address"),
            rule("2001:db8::/32", "a documentation address"),
            rule("fc00::/7", "a private (unique-local) address"),
            rule("fec0::/10", "a site-local address"),
            rule("fe80::/10", "a link-local address"),
            rule("ff00::/8", "a multicast address"));

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Cidr.parse("::/96"), 12, "an IPv4-compatible address"),
            new Embedding(Cidr.parse("64:ff9b::/96"), 12, "a NAT64 address"),
            new Embedding(Cidr.parse("2002::/16"), 2, "a 6to4 address"));

    private AddressClassifier() {
    }

    /** Why the address is refused, such as "a loopback address"; empty for a public address. */
    static Optional<String> refusal(InetAddress address) {
        for (Rule rule : RULES) {
            if (rule.range().contains(address)) {
                return Optional.of(rule.reason());
            }
        }
        if (address instanceof Inet6Address) {
            for (Embedding embedding : EMBEDDINGS) {
                if (embedding.range().contains(address)) {
                    byte[] bytes = address.getAddress();
                    InetAddress ipv4 = IpLiterals.address(
                            Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4));
                    return refusal(ipv4).map(reason -> embedding.form() + " of " + ipv4.getHostAddress()
                            + ", which is " + reason);
                }
            }
        }
        return Optional.empty();
    }

    private static Rule rule(String cidr, String reason) {
        return new Rule(Cidr.parse(cidr), reason);
    }
}
