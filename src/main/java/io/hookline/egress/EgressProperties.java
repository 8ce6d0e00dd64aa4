package io.hookline.egress;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where webhooks may go and how they leave. Every entry is checked here, so a typo stops start-up
 * with a message naming it instead of silently weakening the checks.
 *
 * @param allowHttp    development only: also allow {@code http://} webhook URIs; default false
 * @param allowedCidrs address blocks (IPv4 or IPv6 CIDR, or a single address) exempt from the
 *                     refused ranges, e.g. {@code 127.0.0.1/32} for a local test receiver; default none
 * @param proxy        HTTP proxy all webhooks go through, as a URI such as {@code http://proxy:3128};
 *                     default empty: connect directly
 * @param bindAddress  local IP address (a literal, not a name) outgoing connections are made from;
 *                     default empty: the system chooses
 * @param publicIps    addresses or CIDRs receivers should allow-list, returned as configured by the
 *                     {@code webhookEgressIps} query; default none
 */
@Validated
@ConfigurationProperties("hookline.egress")
public record EgressProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue List<String> allowedCidrs,
        @DefaultValue("") String proxy,
        @DefaultValue("") String bindAddress,
        @DefaultValue List<String> publicIps) {

    public EgressProperties {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
        publicIps = publicIps == null ? List.of() : List.copyOf(publicIps);
        proxy = proxy == null ? "" : proxy.strip();
        bindAddress = bindAddress == null ? "" : bindAddress.strip();
        requireCidrs("allowed-cidrs", allowedCidrs);
        requireCidrs("public-ips", publicIps);
        EgressRoutes.parseProxy(proxy);
        EgressRoutes.parseBindAddress(bindAddress);
    }

    private static void requireCidrs(String property, List<String> entries) {
        for (String entry : entries) {
            try {
                Cidr.parse(entry);
            } catch (IllegalArgumentException e) {
                // Not chained: start-up failure reports show the root cause, which must name the property.
                throw new IllegalArgumentException("hookline.egress." + property + ": " + e.getMessage());
            }
        }
    }
}
