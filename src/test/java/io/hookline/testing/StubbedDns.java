package io.hookline.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.hookline.egress.HostResolver;

/**
 * The system resolver, except for names a test maps itself: lets a test make a name resolve to a
 * public address when a receiver is saved and to a forbidden one when it is sent to.
 */
public final class StubbedDns implements HostResolver {

    private final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();

    public void map(String name, String... addresses) {
        names.put(name, Arrays.stream(addresses).map(StubbedDns::literal).toList());
    }

    public void clear() {
        names.clear();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> stubbed = names.get(host);
        return stubbed != null ? stubbed : List.of(InetAddress.getAllByName(host));
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
