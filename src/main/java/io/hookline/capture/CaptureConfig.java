package io.hookline.capture;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CaptureConfig {

    @Bean
    PipelineWakeups pipelineWakeups() {
        return new PipelineWakeups(new Wakeup(), new Wakeup());
    }

    @Bean
    ChangeFanOut changeFanOut(FanOutRepository repository, Clock clock, PipelineWakeups wakeups, MeterRegistry meters) {
        return new ChangeFanOut(repository, clock, wakeups.delivery(), meters);
    }
}
