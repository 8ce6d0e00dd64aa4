package io.hookline.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The package's beans as start-up builds them, in a context holding nothing else. */
class EgressWiringTest {

    @Configuration
    @ComponentScan(basePackageClasses = EgressPolicy.class)
    @EnableConfigurationProperties(EgressProperties.class)
    static class EgressOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(EgressOnly.class);

    @Test
    void starts_with_the_system_resolver_behind_the_policy() {
        runner.withPropertyValues("hookline.egress.bind-address=127.0.0.1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(EgressPolicy.class).hasSingleBean(EgressRoutes.class)
                    .hasSingleBean(SystemHostResolver.class).hasSingleBean(EgressIpsController.class);
            assertThat(context.getBean(EgressRoutes.class).bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void refuses_to_start_with_a_bad_cidr_and_names_it() {
        runner.withPropertyValues("hookline.egress.allowed-cidrs=127.0.0.1/32,localhost").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageStartingWith("hookline.egress.allowed-cidrs: 'localhost' is not an IPv4");
        });
    }
}
