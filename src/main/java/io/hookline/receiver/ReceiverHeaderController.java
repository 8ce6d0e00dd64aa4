package io.hookline.receiver;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A receiver's extra headers in the API: the list on the receiver and the mutations of one header. */
@Controller
class ReceiverHeaderController {

    private final ReceiverHeaderService service;
    private final ReceiverRepository repository;
    private final ReceiverHeaderRepository headers;

    ReceiverHeaderController(ReceiverHeaderService service, ReceiverRepository repository,
                             ReceiverHeaderRepository headers) {
        this.service = service;
        this.repository = repository;
        this.headers = headers;
    }

    record CreateHeaderInput(Long receiverId, String key, String value) {
    }

    record UpdateHeaderInput(Long id, String etag, String key, String value) {
    }

    record HeaderPayload(ReceiverHeader webhookReceiverHeader, WebhookReceiver webhookReceiver) {
    }

    @MutationMapping
    HeaderPayload createWebhookReceiverHeader(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                              @Argument CreateHeaderInput input) {
        if (input.receiverId() == null) {
            throw ApiException.badInput("receiverId is required");
        }
        ReceiverHeader header = service.create(caller, input.receiverId(), input.key(), input.value());
        return new HeaderPayload(header, repository.find(caller.organizationId(), header.receiverId()).orElseThrow());
    }

    @MutationMapping
    HeaderPayload updateWebhookReceiverHeader(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                              @Argument UpdateHeaderInput input) {
        if (input.id() == null) {
            throw ApiException.badInput("id is required");
        }
        ReceiverHeader header = service.update(caller, input.id(), input.etag(), input.key(), input.value());
        return new HeaderPayload(header, repository.find(caller.organizationId(), header.receiverId()).orElseThrow());
    }

    @MutationMapping
    HeaderPayload deleteWebhookReceiverHeader(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                              @Argument String etag) {
        ReceiverHeader header = service.delete(caller, id, etag);
        return new HeaderPayload(header, repository.find(caller.organizationId(), header.receiverId()).orElseThrow());
    }

    @SchemaMapping(typeName = "WebhookReceiverHeader", field = "value")
    String headerValue(ReceiverHeader header, @ContextValue(Caller.CONTEXT_KEY) Caller caller) {
        return SecretMasking.headerValue(caller, header.value());
    }

    @BatchMapping(typeName = "WebhookReceiver")
    Map<WebhookReceiver, List<ReceiverHeader>> headers(List<WebhookReceiver> receivers) {
        Map<Long, List<ReceiverHeader>> byReceiver = headers.ofReceivers(
                receivers.stream().map(WebhookReceiver::id).toList()).stream()
                .collect(Collectors.groupingBy(ReceiverHeader::receiverId));
        return receivers.stream().collect(Collectors.toMap(Function.identity(),
                r -> byReceiver.getOrDefault(r.id(), List.of()), (a, b) -> a));
    }
}
