package io.hookline.delivery;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.hookline.egress.EgressPolicy;
import io.hookline.egress.EgressRefusedException;
import io.hookline.egress.EgressRoutes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfig {

    /** Qualifier of an optional {@link SSLContext} bean that replaces the JVM's trust for receivers. */
    static final String RECEIVER_TRUST = "webhookReceiverTrust";

    @Bean
    RetryPolicy retryPolicy(DeliveryProperties properties) {
        return new RetryPolicy(properties, new SecureRandom());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(DeliveryProperties properties, EgressRoutes routes, Clock clock,
                                @Qualifier(RECEIVER_TRUST) ObjectProvider<SSLContext> trust,
                                ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
        return new WebhookSender(properties, new WebhookSender.Route(routes.dnsResolver(), routes.proxy(),
                routes.bindAddress(), trust.getIfAvailable()), clock, "Hookline/" + version);
    }

    /**
     * Sends through the pooled client. Through a proxy the client never resolves the receiver's
     * host itself, so the egress check runs here first.
     */
    @Bean
    DeliveryWorker.Sender checkedSender(WebhookSender sender, EgressRoutes routes, EgressPolicy policy, Clock clock) {
        if (routes.proxy() == null) {
            return sender::send;
        }
        return request -> {
            try {
                policy.resolve(URI.create(request.webhookUri()).getHost());
            } catch (EgressRefusedException e) {
                return new Attempt(clock.instant(), Duration.ZERO, new DeliveryOutcome.Failed(null,
                        DeliveryOutcome.ErrorKind.BLOCKED_BY_EGRESS_POLICY, e.getMessage(), null, null, null));
            } catch (java.net.UnknownHostException e) {
                // The proxy may still resolve it; it applies its own policy.
            }
            return sender.send(request);
        };
    }
}
