package io.hookline;

import io.hookline.relay.client.RelayCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HooklineApplication {

    public static void main(String[] args) {
        // The relay client commands run in plain Java, without the server, its database or Spring.
        if (RelayCli.handles(args)) {
            System.exit(RelayCli.run(args));
        }
        SpringApplication.run(HooklineApplication.class, args);
    }
}
