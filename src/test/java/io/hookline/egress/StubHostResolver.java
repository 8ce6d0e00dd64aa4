package io.hookline.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a few made-up names without DNS, and remembers what it was asked, so tests can show that
 * literals never reach a resolver. {@code localhost} goes to the real system resolver.
 */
class StubHostResolver implements HostResolver {

    final List<String> lookups = new ArrayList<>();

    private final Map<String, List<InetAddress>> answers = Map.of(
            "public.example", List.of(address("93.184.216.34")),
            "shop.localhost", List.of(address("93.184.216.34")),
            "loopback.example", List.of(address("127.0.0.1")),
            "mixed.example", List.of(address("93.184.216.34"), address("10.0.0.5")),
            "evil.example", List.of(address("10.0.0.5")),
            "mapped-loopback.example", List.of(mappedIpv6(127, 0, 0, 1)));

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.add(host);
        if (host.equals("localhost")) {
            return new SystemHostResolver().resolve(host);
        }
        List<InetAddress> answer = answers.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * An IPv4-mapped address kept as IPv6, as a resolver may return it: the JDK's parser would turn
     * the literal into IPv4 on its own.
     */
    static InetAddress mappedIpv6(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
