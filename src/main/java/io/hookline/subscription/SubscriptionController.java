package io.hookline.subscription;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.api.Inputs;
import io.hookline.capture.Resource;
import io.hookline.query.Connection;
import io.hookline.query.ListSort;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import io.hookline.receiver.ReceiverLookup;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** The subscription queries and mutations; the fields of a subscription are resolved in {@link SubscriptionFields}. */
@Controller
class SubscriptionController {

    private final SubscriptionRepository repository;
    private final ReceiverLookup receivers;
    private final SubscriptionFilters filters;

    SubscriptionController(SubscriptionRepository repository, ReceiverLookup receivers, SubscriptionFilters filters) {
        this.repository = repository;
        this.receivers = receivers;
        this.filters = filters;
    }

    private static final Map<String, SortKey> SORTS = SortKey.byName(SortKey.ID, SortKey.CREATED_AT);

    record Filters(Long receiverId, String resource, Resource.Action action, Boolean active) {
    }

    record CreateInput(Long receiverId, String resource, Resource.Action action, Boolean active) {
    }

    record UpdateInput(Long id, String etag, String resource, Resource.Action action, Boolean active) {
    }

    record SubscriptionPayload(WebhookSubscription webhookSubscription) {
    }

    record DeletedPayload(long id) {
    }

    @QueryMapping
    WebhookSubscription webhookSubscription(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("WebhookSubscription", id));
    }

    @QueryMapping
    Connection<WebhookSubscription> webhookSubscriptions(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                         @Argument Integer first, @Argument String after,
                                                         @Argument Integer last, @Argument String before,
                                                         @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null, null) : filters;
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("receiver_id = :receiver", "receiver", f.receiverId())
                .and("resource = :resource", "resource", f.resource() == null ? null : resource(f.resource()))
                .and("action = :action", "action", f.action() == null ? null : f.action().name())
                .and("active = :active", "active", f.active());
        return repository.page(filter, ListSort.key(sort, SORTS, "subscriptions"),
                ListSort.direction(sort, SortDirection.ASC), PageArgs.of(first, after, last, before));
    }

    @MutationMapping
    @Transactional
    SubscriptionPayload createWebhookSubscription(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                  @Argument CreateInput input,
                                                  DataFetchingEnvironment environment) {
        Map<String, Object> given = environment.getArgument("input");
        caller.requireAdmin();
        if (input.receiverId() == null) {
            throw ApiException.badInput("receiverId is required");
        }
        if (input.action() == null) {
            throw ApiException.badInput("action is required: one of CREATE, UPDATE, DELETE");
        }
        String resource = resource(input.resource());
        SubscriptionFilters.Compiled filter = given.get("filter") == null ? null
                : filters.compile(resource, given.get("filter"));
        receivers.find(caller.organizationId(), input.receiverId())
                .orElseThrow(() -> ApiException.notFound("WebhookReceiver", input.receiverId()));
        return new SubscriptionPayload(repository.insert(caller.organizationId(), input.receiverId(), resource,
                input.action().name(), input.active() == null || input.active(), filter, caller.userId()));
    }

    @MutationMapping
    @Transactional
    SubscriptionPayload updateWebhookSubscription(@ContextValue(Caller.CONTEXT_KEY) Caller caller,
                                                  @Argument UpdateInput input,
                                                  DataFetchingEnvironment environment) {
        Map<String, Object> given = environment.getArgument("input");
        caller.requireAdmin();
        if (input.id() == null) {
            throw ApiException.badInput("id is required");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.resource() != null) {
            changes.put("resource", resource(input.resource()));
        }
        if (input.action() != null) {
            changes.put("action", input.action().name());
        }
        if (input.active() != null) {
            changes.put("active", input.active());
        }
        filterChange(caller.organizationId(), input.id(), given, changes);
        return new SubscriptionPayload(repository.update(caller.organizationId(), input.id(), Inputs.requireEtag(input.etag()),
                changes));
    }

    @MutationMapping
    DeletedPayload deleteWebhookSubscription(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id,
                                             @Argument String etag) {
        caller.requireAdmin();
        repository.delete(caller.organizationId(), id, Inputs.requireEtag(etag));
        return new DeletedPayload(id);
    }

    /**
     * {@code filter} given: set it (null removes it). Left out: it stays, compiled again if the
     * resource changes, since its fields are the resource's.
     */
    private void filterChange(long organizationId, long id, Map<String, Object> given, Map<String, Object> changes) {
        WebhookSubscription current = repository.find(organizationId, id)
                .orElseThrow(() -> ApiException.notFound("WebhookSubscription", id));
        String resource = (String) changes.getOrDefault("resource", current.resource());
        if (given.containsKey("filter")) {
            SubscriptionRepository.putFilter(changes, given.get("filter") == null ? null
                    : filters.compile(resource, given.get("filter")));
        } else if (current.filter() != null && !resource.equals(current.resource())) {
            SubscriptionRepository.putFilter(changes, filters.recompile(resource, current.filter()));
        }
    }

    private static String resource(String name) {
        return Resource.parse(name).map(Resource::name).orElseThrow(() -> ApiException.badInput(
                "resource '" + name + "' is not a webhookable resource; one of "
                        + Arrays.toString(Resource.values())));
    }
}
