package io.hookline.egress;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses such as {@code 10.0.0.0/8} or {@code fc00::/7}. A bare address is
 * a block of one. IPv4-mapped IPv6 blocks ({@code ::ffff:a.b.c.d/n}, n ≥ 96) are kept as the IPv4
 * block they name, and {@link #contains} reads mapped addresses the same way, because the JDK turns
 * such literals into IPv4 addresses on its own: one address must not match differently by spelling.
 */
final class Cidr {

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Reads {@code address/prefix} or a bare address. Addresses must be canonical dotted quads or
     * IPv6 literals; bits past the prefix must be zero, so {@code 10.0.0.1/8} is refused as a likely
     * mistake rather than silently widened.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = addressText.contains(":") ? IpLiterals.ipv6(addressText) : IpLiterals.canonicalIpv4(addressText);
        if (bytes == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an IPv4 dotted quad or IPv6 address, optionally followed by /prefix");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0–" + bytes.length * 8);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (bytes.length == 16 && prefix >= 96 && isMapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        Cidr cidr = new Cidr(bytes, prefix);
        if (!Arrays.equals(cidr.mask(bytes), bytes)) {
            throw new IllegalArgumentException("'" + text + "' has bits set past its prefix; did you mean "
                    + new Cidr(cidr.mask(bytes), prefix) + "?");
        }
        return cidr;
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && network.length == 4 && isMapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.length == network.length && Arrays.equals(mask(bytes), network);
    }

    private byte[] mask(byte[] bytes) {
        byte[] masked = bytes.clone();
        for (int bit = prefixLength; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return masked;
    }

    static boolean isMapped(byte[] sixteen) {
        return Arrays.equals(sixteen, 0, 12, MAPPED_PREFIX, 0, 12);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiterals.address(network).getHostAddress() + "/" + prefixLength;
    }
}
