package io.hookline.receiver;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.auth.User;
import io.hookline.auth.UserDirectory;
import io.hookline.query.Connection;
import io.hookline.query.ListSort;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class ReceiverController {

    private final ReceiverService service;
    private final ReceiverRepository repository;
    private final UserDirectory users;

    ReceiverController(ReceiverService service, ReceiverRepository repository, UserDirectory users) {
        this.service = service;
        this.repository = repository;
        this.users = users;
    }

    private static final Map<String, SortKey> SORTS = SortKey.byName(SortKey.ID,
            new SortKey("NAME", "name", "text"), SortKey.CREATED_AT, SortKey.UPDATED_AT);

    record Filters(Boolean active, String nameContains, String webhookUriContains) {
    }

    /** {@code relayToken} is set only when one was just issued: it is shown this once. */
    record ReceiverPayload(WebhookReceiver webhookReceiver, String relayToken) {

        ReceiverPayload(WebhookReceiver webhookReceiver) {
            this(webhookReceiver, null);
        }

        static ReceiverPayload of(ReceiverService.Issued issued) {
            return new ReceiverPayload(issued.receiver(), issued.relayToken());
        }
    }

    record DeletedPayload(long id) {
    }

    @QueryMapping
    WebhookReceiver webhookReceiver(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return repository.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("WebhookReceiver", id));
    }

    @QueryMapping
    Connection<WebhookReceiver> webhookReceivers(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                 @Argument Integer first, @Argument String after,
                                                 @Argument Integer last, @Argument String before,
                                                 @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("active = :active", "active", f.active())
                .and("name ilike '%' || :name || '%'", "name", escapeLike(f.nameContains()))
                .and("webhook_uri ilike '%' || :uri || '%'", "uri", escapeLike(f.webhookUriContains()));
        return repository.page(filter, ListSort.key(sort, SORTS, "receivers"),
                ListSort.direction(sort, SortDirection.ASC), PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    ReceiverPayload createWebhookReceiver(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                          @Argument ReceiverService.CreateInput input) {
        return ReceiverPayload.of(service.create(caller, input));
    }

    @MutationMapping
    ReceiverPayload updateWebhookReceiver(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                          @Argument ReceiverService.UpdateInput input,
                                          graphql.schema.DataFetchingEnvironment environment) {
        Map<String, Object> given = environment.getArgument("input");
        return new ReceiverPayload(service.update(caller, input, given.containsKey("maxRequestsPerSecond")));
    }

    @MutationMapping
    DeletedPayload deleteWebhookReceiver(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                         @Argument String etag) {
        service.delete(caller, id, etag);
        return new DeletedPayload(id);
    }

    @MutationMapping
    ReceiverPayload rotateWebhookReceiverSecret(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                                @Argument String etag) {
        return new ReceiverPayload(service.rotateSecret(caller, id, etag));
    }

    @MutationMapping
    ReceiverPayload rotateWebhookReceiverRelayToken(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                    @Argument long id, @Argument String etag) {
        return ReceiverPayload.of(service.rotateRelayToken(caller, id, etag));
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "sharedSecret")
    String sharedSecret(WebhookReceiver receiver, @ContextValue(Caller.CONTEXT_KEY) Caller caller) {
        return SecretMasking.sharedSecret(caller, receiver.sharedSecret());
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "ordering")
    DeliveryControls.Ordering ordering(WebhookReceiver receiver) {
        return receiver.controls().ordering();
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "maxConcurrency")
    int maxConcurrency(WebhookReceiver receiver) {
        return receiver.controls().maxConcurrency();
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "maxRequestsPerSecond")
    Double maxRequestsPerSecond(WebhookReceiver receiver) {
        return receiver.controls().maxRequestsPerSecond();
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "_etag")
    String etag(WebhookReceiver receiver) {
        return receiver.etag();
    }

    @BatchMapping(typeName = "WebhookReceiver")
    Map<WebhookReceiver, User> createdBy(List<WebhookReceiver> receivers) {
        Set<Long> ids = receivers.stream().map(WebhookReceiver::createdBy).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, User> found = users.byIds(receivers.getFirst().organizationId(), ids);
        return receivers.stream().filter(r -> r.createdBy() != null && found.containsKey(r.createdBy()))
                .collect(Collectors.toMap(Function.identity(), r -> found.get(r.createdBy()), (a, b) -> a));
    }

    static String escapeLike(String text) {
        return text == null ? null : text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
