package io.hookline.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * Switches tracing on when {@code OTEL_TRACES_EXPORTER} (or the property {@code otel.traces.exporter})
 * names an exporter and {@code OTEL_SDK_DISABLED} is not true. Everything else is the SDK's own
 * autoconfiguration from the standard {@code OTEL_*} variables; the SDK is not even loaded when off,
 * which keeps it off the start path.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfig {

    @Bean(destroyMethod = "close")
    InstalledTracing tracing(ConfigurableEnvironment environment) {
        return InstalledTracing.from(environment);
    }

    /** The SDK Hookline traces with while this context runs, or nothing when tracing is off. */
    static final class InstalledTracing implements AutoCloseable {

        private final OpenTelemetrySdk sdk;

        private InstalledTracing(OpenTelemetrySdk sdk) {
            this.sdk = sdk;
        }

        static boolean enabled(ConfigurableEnvironment environment) {
            String exporter = environment.getProperty("otel.traces.exporter", "").trim().toLowerCase(Locale.ROOT);
            return !exporter.isEmpty() && !exporter.equals("none")
                   && !environment.getProperty("otel.sdk.disabled", Boolean.class, false);
        }

        static InstalledTracing from(ConfigurableEnvironment environment) {
            if (!enabled(environment)) {
                return new InstalledTracing(null);
            }
            Map<String, String> properties = new TreeMap<>(Map.of("otel.service.name", "hookline",
                    "otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
            // otel.* settings given to Spring (application.yml, --otel.x=y) reach the SDK too; the
            // SDK reads OTEL_* variables and -Dotel.* itself, and those win.
            environment.getPropertySources().stream().filter(EnumerablePropertySource.class::isInstance)
                    .flatMap(source -> java.util.Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                    .filter(name -> name.startsWith("otel."))
                    .forEach(name -> properties.put(name, environment.getProperty(name)));
            properties.put("otel.traces.exporter", environment.getProperty("otel.traces.exporter"));
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> properties)
                    .disableShutdownHook().build().getOpenTelemetrySdk();
            Tracing.install(sdk);
            return new InstalledTracing(sdk);
        }

        @Override
        public void close() {
            if (sdk != null) {
                Tracing.uninstall(sdk);
                sdk.close();
            }
        }
    }
}
