package io.hookline.relay;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.receiver.WebhookReceiver;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** {@code WebhookReceiver.relayStatus}: whether a relay client serves the receiver now. */
@Controller
class RelayStatusController {

    private static final RelayPresenceRepository.Status NEVER_SEEN = new RelayPresenceRepository.Status(false, null, null);

    private final RelayPresenceRepository presence;
    private final Clock clock;

    RelayStatusController(RelayPresenceRepository presence, Clock clock) {
        this.presence = presence;
        this.clock = clock;
    }

    @BatchMapping(typeName = "WebhookReceiver")
    Map<WebhookReceiver, RelayPresenceRepository.Status> relayStatus(List<WebhookReceiver> receivers) {
        List<WebhookReceiver> relays = receivers.stream().filter(WebhookReceiver::relay).toList();
        Map<Long, RelayPresenceRepository.Status> found = presence.statuses(
                relays.stream().map(WebhookReceiver::id).toList(), clock.instant());
        return relays.stream().collect(Collectors.toMap(Function.identity(),
                r -> found.getOrDefault(r.id(), NEVER_SEEN), (a, b) -> a));
    }
}
