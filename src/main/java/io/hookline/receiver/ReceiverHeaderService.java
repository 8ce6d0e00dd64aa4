package io.hookline.receiver;

import java.util.List;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Inputs;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding, changing and removing one header of a receiver: the receiver's whole set must still
 * satisfy {@link HeaderRules}, and every change gives the receiver a new etag.
 */
@Service
class ReceiverHeaderService {

    private final ReceiverRepository repository;
    private final ReceiverHeaderRepository headers;

    ReceiverHeaderService(ReceiverRepository repository, ReceiverHeaderRepository headers) {
        this.repository = repository;
        this.headers = headers;
    }

    @Transactional
    ReceiverHeader create(Caller caller, long receiverId, String key, String value) {
        caller.requireAdmin();
        WebhookReceiver receiver = repository.find(caller.organizationId(), receiverId)
                .orElseThrow(() -> ApiException.notFound("WebhookReceiver", receiverId));
        List<HeaderRules.Header> all = ReceiverHeaderRepository.asRules(headers.ofReceivers(List.of(receiverId)));
        all.add(new HeaderRules.Header(key, value));
        HeaderRules.checkAll(all);
        repository.touch(caller.organizationId(), receiverId, receiver.etag());
        return headers.insert(caller.organizationId(), receiverId, key, value);
    }

    @Transactional
    ReceiverHeader update(Caller caller, long id, String etag, String key, String value) {
        caller.requireAdmin();
        ReceiverHeader current = headers.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("WebhookReceiverHeader", id));
        String newKey = key == null ? current.key() : key;
        String newValue = value == null ? current.value() : value;
        List<HeaderRules.Header> all = headers.ofReceivers(List.of(current.receiverId())).stream()
                .map(h -> h.id() == id ? new HeaderRules.Header(newKey, newValue) : new HeaderRules.Header(h.key(), h.value()))
                .toList();
        HeaderRules.checkAll(all);
        repository.touch(caller.organizationId(), current.receiverId(), Inputs.requireEtag(etag));
        return headers.update(caller.organizationId(), id, newKey, newValue);
    }

    @Transactional
    ReceiverHeader delete(Caller caller, long id, String etag) {
        caller.requireAdmin();
        ReceiverHeader current = headers.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("WebhookReceiverHeader", id));
        repository.touch(caller.organizationId(), current.receiverId(), Inputs.requireEtag(etag));
        headers.delete(caller.organizationId(), id);
        return current;
    }
}
