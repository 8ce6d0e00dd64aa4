package io.hookline.testing;

import javax.net.ssl.SSLContext;

import io.hookline.egress.HostResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** What integration tests swap in: a clock they can move, DNS they can stub, trust in the test certificate. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    ShiftedClock shiftedClock() {
        return new ShiftedClock();
    }

    @Bean
    @Primary
    StubbedDns stubbedDns() {
        return new StubbedDns();
    }

    @Bean
    @Qualifier("webhookReceiverTrust")
    SSLContext webhookReceiverTrust() {
        return TestCertificates.localhost().trustingContext();
    }
}
