package io.hookline.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalLong;

/**
 * Reads IP address literals strictly and without any lookup. The JDK's {@code InetAddress.getByName}
 * would fall back to DNS for anything it cannot parse, and the C library accepts spellings
 * ({@code 0177.0.0.1}, {@code 127.1}, {@code 2130706433}) that other parsers read differently, so the
 * egress checks never hand a numeric-looking host to either.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The four bytes of a canonical dotted quad (decimal, no leading zeros), or null. */
    static byte[] canonicalIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(IpLiterals::isDecimalDigit)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * The 32-bit value {@code inet_aton} would read: one to four parts, each decimal, octal (leading
     * {@code 0}) or hex ({@code 0x}), the last part filling the remaining bytes. Empty when it would
     * refuse the text.
     */
    static OptionalLong inetAton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = atonPart(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (part < 0 || part > limit) {
                return OptionalLong.empty();
            }
            value = last ? value | part : value | part << (8 * (3 - i));
        }
        return OptionalLong.of(value);
    }

    private static long atonPart(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        int base = radix;
        if (digits.isEmpty() || digits.length() > 11 || !digits.chars().allMatch(c -> isDigit(c, base))) {
            return -1;
        }
        return Long.parseLong(digits, radix);
    }

    /**
     * Whether a host's last label is a number (decimal or {@code 0x} hex), as in the WHATWG URL
     * standard: such a host is meant as an IPv4 address, never a DNS name, since no top-level
     * domain is numeric.
     */
    static boolean endsInNumber(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.chars().allMatch(IpLiterals::isDecimalDigit)) {
            return true;
        }
        return (last.startsWith("0x") || last.startsWith("0X"))
                && last.substring(2).chars().allMatch(c -> isDigit(c, 16));
    }

    /**
     * The sixteen bytes of an IPv6 literal (no brackets), or null. Accepts {@code ::} compression and
     * a trailing canonical dotted quad; refuses zone indexes ({@code %eth0}), which would name a
     * local interface.
     */
    static byte[] ipv6(String text) {
        int compression = text.indexOf("::");
        if (compression != text.lastIndexOf("::")) {
            return null;
        }
        if (compression < 0) {
            return ipv6Groups(text, 8, true);
        }
        byte[] head = text.substring(0, compression).isEmpty() ? new byte[0]
                : ipv6Groups(text.substring(0, compression), -1, false);
        byte[] tail = text.substring(compression + 2).isEmpty() ? new byte[0]
                : ipv6Groups(text.substring(compression + 2), -1, true);
        if (head == null || tail == null || head.length + tail.length > 14) {
            return null;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /**
     * Colon-separated hex groups, the last of which may be a dotted quad when {@code mayEndInIpv4};
     * exactly {@code groups} of them unless -1.
     */
    private static byte[] ipv6Groups(String text, int groups, boolean mayEndInIpv4) {
        String[] parts = text.split(":", -1);
        byte[] embedded = mayEndInIpv4 ? canonicalIpv4(parts[parts.length - 1]) : null;
        int hexParts = embedded != null ? parts.length - 1 : parts.length;
        int length = hexParts * 2 + (embedded != null ? 4 : 0);
        if ((groups >= 0 && length != groups * 2) || length > 16) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < hexParts; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> isDigit(c, 16))) {
                return null;
            }
            int value = Integer.parseInt(part, 16);
            bytes[2 * i] = (byte) (value >> 8);
            bytes[2 * i + 1] = (byte) value;
        }
        if (embedded != null) {
            System.arraycopy(embedded, 0, bytes, length - 4, 4);
        }
        return bytes;
    }

    /** An address for 4 or 16 bytes; IPv4-mapped IPv6 becomes IPv4, as the JDK does for literals. */
    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length, impossible);
        }
    }

    /** The IPv4 address of a 32-bit value, such as {@link #inetAton} reads. */
    static InetAddress ipv4(long value) {
        return address(new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value});
    }

    private static boolean isDecimalDigit(int c) {
        return isDigit(c, 10);
    }

    /** ASCII digits only: {@link Character#digit} alone would also take other scripts' digits. */
    private static boolean isDigit(int c, int radix) {
        return c < 128 && Character.digit(c, radix) >= 0;
    }
}
