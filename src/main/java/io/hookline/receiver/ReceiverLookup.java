package io.hookline.receiver;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Reading receivers from the other features, always within the caller's organization. */
@Component
public class ReceiverLookup {

    private final ReceiverRepository repository;

    ReceiverLookup(ReceiverRepository repository) {
        this.repository = repository;
    }

    public Optional<WebhookReceiver> find(long organizationId, long id) {
        return repository.find(organizationId, id);
    }

    /** The relay receiver a relay token belongs to; empty for an unknown, rotated or malformed token. */
    public Optional<WebhookReceiver> byRelayToken(String token) {
        return RelayTokens.looksValid(token) ? repository.findByRelayTokenHash(RelayTokens.hash(token)) : Optional.empty();
    }

    public Map<Long, WebhookReceiver> byIds(long organizationId, Collection<Long> ids) {
        return repository.findAll(organizationId, ids).stream()
                .collect(Collectors.toMap(WebhookReceiver::id, Function.identity()));
    }
}
