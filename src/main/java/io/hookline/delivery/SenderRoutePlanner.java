package io.hookline.delivery;

import java.net.InetAddress;

import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Routes every send through the egress proxy, if any, from the egress source address, if any. */
final class SenderRoutePlanner extends DefaultRoutePlanner {

    private final HttpHost proxy;
    private final InetAddress localAddress;

    SenderRoutePlanner(HttpHost proxy, InetAddress localAddress) {
        super(DefaultSchemePortResolver.INSTANCE);
        this.proxy = proxy;
        this.localAddress = localAddress;
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpContext context) {
        return proxy;
    }

    @Override
    protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
        return localAddress;
    }
}
