package io.hookline.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a DNS name. Tests supply their own, so no test depends on real DNS. */
@FunctionalInterface
public interface HostResolver {

    /** Every address the name has; throws when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
