package io.hookline.egress;

import java.util.List;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Answers {@code webhookEgressIps}: the addresses receivers should allow through their firewalls. */
@Controller
class EgressIpsController {

    private final EgressProperties properties;

    EgressIpsController(EgressProperties properties) {
        this.properties = properties;
    }

    @QueryMapping
    List<String> webhookEgressIps() {
        return properties.publicIps();
    }
}
