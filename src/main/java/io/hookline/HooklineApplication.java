package io.hookline;

import io.hookline.relay.client.RelayCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HooklineApplication {

    public static void main(String[] args) {
        // The relay client commands run in plain Java, without the server, its database or Spring.
        if (RelayCli.handles(args)) {
            System.exit(RelayCli.run(args));
        }
        ConfigurableApplicationContext context = SpringApplication.run(HooklineApplication.class, args);
        if (Boolean.getBoolean("hookline.stop-after-start")) {
            // One whole start, then a normal stop (the embedded PostgreSQL with it): how the build trains
            // the JDK's AOT cache (docs/operations.md#start-time).
            System.exit(SpringApplication.exit(context));
        }
    }
}
