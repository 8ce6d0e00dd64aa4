package io.hookline.event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.api.ApiException;
import io.hookline.api.Caller;
import io.hookline.capture.Resource;
import io.hookline.delivery.DeliveryStatus;
import io.hookline.query.Connection;
import io.hookline.query.ListSort;
import io.hookline.query.PageArgs;
import io.hookline.query.SortDirection;
import io.hookline.query.SortKey;
import io.hookline.query.SqlFilter;
import io.hookline.receiver.ReceiverLookup;
import io.hookline.receiver.WebhookReceiver;
import io.hookline.subscription.SubscriptionLookup;
import io.hookline.subscription.WebhookSubscription;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The audit trail's read side. */
@Controller
class EventController {

    /** How many of a subscription's newest events its {@code events} field lists at most. */
    static final int MAX_EVENTS_PER_SUBSCRIPTION = 100;

    private final EventRepository repository;
    private final EventCommandRepository commands;
    private final ReceiverLookup receivers;
    private final SubscriptionLookup subscriptions;
    private final Clock clock;

    EventController(EventRepository repository, EventCommandRepository commands, ReceiverLookup receivers,
                    SubscriptionLookup subscriptions, Clock clock) {
        this.repository = repository;
        this.commands = commands;
        this.receivers = receivers;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    record ReplayInput(Long receiverId, OffsetDateTime since, List<DeliveryStatus> statuses) {
    }

    record EventPayload(WebhookEvent webhookEvent) {
    }

    record ReplayPayload(int count) {
    }

    @MutationMapping
    EventPayload retryWebhookEvent(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        caller.requireAdmin();
        WebhookEvent event = repository.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("WebhookEvent", id));
        if (event.receiverId() == null) {
            throw ApiException.badInput("WebhookEvent " + id + " cannot be retried: its receiver was deleted");
        }
        WebhookEvent retried = commands.retry(caller.organizationId(), id, clock.instant())
                .orElseThrow(() -> ApiException.conflict("WebhookEvent " + id
                        + " is being delivered right now; retry it once this try is recorded"));
        commands.notifyEvents();
        return new EventPayload(retried);
    }

    @MutationMapping
    ReplayPayload replayWebhookEvents(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument ReplayInput input) {
        caller.requireAdmin();
        if (input.receiverId() == null || input.since() == null) {
            throw ApiException.badInput("receiverId and since are required");
        }
        receivers.find(caller.organizationId(), input.receiverId())
                .orElseThrow(() -> ApiException.notFound("WebhookReceiver", input.receiverId()));
        List<String> statuses = (input.statuses() == null || input.statuses().isEmpty() ? List.of(DeliveryStatus.FAILED)
                : input.statuses()).stream().map(Enum::name).toList();
        if (statuses.contains(DeliveryStatus.CANCELED.name())) {
            throw ApiException.badInput("statuses: CANCELED events cannot be replayed");
        }
        int count = commands.replay(caller.organizationId(), input.receiverId(), input.since(), statuses, clock.instant());
        commands.notifyEvents();
        return new ReplayPayload(count);
    }

    @MutationMapping
    EventPayload sendTestWebhookEvent(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long receiverId) {
        caller.requireAdmin();
        receivers.find(caller.organizationId(), receiverId)
                .orElseThrow(() -> ApiException.notFound("WebhookReceiver", receiverId));
        WebhookEvent event = commands.createTest(caller.organizationId(), receiverId, clock.instant());
        commands.notifyEvents();
        return new EventPayload(event);
    }

    private static final Map<String, SortKey> SORTS = SortKey.byName(SortKey.ID, SortKey.CREATED_AT);

    record Filters(Long id, List<DeliveryStatus> status, Long receiverId, Long subscriptionId, String resource, Resource.Action action,
                   OffsetDateTime createdAfter, OffsetDateTime createdBefore) {
    }

    @QueryMapping
    WebhookEvent webhookEvent(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument long id) {
        return repository.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("WebhookEvent", id));
    }

    @QueryMapping
    Connection<WebhookEvent> webhookEvents(@ContextValue(Caller.CONTEXT_KEY) Caller caller, @Argument Integer first,
                                           @Argument String after, @Argument Integer last, @Argument String before,
                                           @Argument Filters filters, @Argument ListSort sort) {
        Filters f = filters == null ? new Filters(null, null, null, null, null, null, null, null) : filters;
        String resource = f.resource() == null ? null : Resource.parse(f.resource()).map(Resource::name)
                .orElseThrow(() -> ApiException.badInput("resource '" + f.resource() + "' is not a webhookable resource"));
        SqlFilter filter = SqlFilter.where("organization_id = :org", "org", caller.organizationId())
                .and("id = :id", "id", f.id())
                .and("status = any(cast(:statuses as text[]))", "statuses", f.status() == null || f.status().isEmpty()
                        ? null : f.status().stream().map(Enum::name).toArray(String[]::new))
                .and("receiver_id = :receiver", "receiver", f.receiverId())
                .and("subscription_id = :subscription", "subscription", f.subscriptionId())
                .and("resource = :resource", "resource", resource)
                .and("action = :action", "action", f.action() == null ? null : f.action().name())
                .and("created_at > :createdAfter", "createdAfter", f.createdAfter())
                .and("created_at < :createdBefore", "createdBefore", f.createdBefore());
        return repository.page(filter, ListSort.key(sort, SORTS, "events"),
                ListSort.direction(sort, SortDirection.DESC), PageArgs.of(first, after, last, before));
    }

    @BatchMapping(typeName = "WebhookSubscription")
    Map<WebhookSubscription, List<WebhookEvent>> events(List<WebhookSubscription> subscriptionList) {
        Map<Long, List<WebhookEvent>> bySubscription = repository.latestBySubscriptions(
                        subscriptionList.stream().map(WebhookSubscription::id).toList(), MAX_EVENTS_PER_SUBSCRIPTION)
                .stream().collect(Collectors.groupingBy(WebhookEvent::subscriptionId));
        return subscriptionList.stream().collect(Collectors.toMap(Function.identity(),
                s -> bySubscription.getOrDefault(s.id(), List.of()), (a, b) -> a));
    }

    @BatchMapping(typeName = "WebhookEvent")
    Map<WebhookEvent, List<DeliveryAttempt>> attempts(List<WebhookEvent> events) {
        Map<Long, List<DeliveryAttempt>> byEvent = repository.attempts(events.stream().map(WebhookEvent::id).toList())
                .stream().collect(Collectors.groupingBy(DeliveryAttempt::eventId));
        return events.stream().collect(Collectors.toMap(Function.identity(),
                e -> byEvent.getOrDefault(e.id(), List.of()).stream().map(a -> a.withEventBody(e.payload())).toList(),
                (a, b) -> a));
    }

    @BatchMapping(typeName = "WebhookEvent")
    Map<WebhookEvent, WebhookReceiver> receiver(List<WebhookEvent> events) {
        Map<Long, WebhookReceiver> found = receivers.byIds(events.getFirst().organizationId(),
                events.stream().map(WebhookEvent::receiverId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return events.stream().filter(e -> e.receiverId() != null && found.containsKey(e.receiverId()))
                .collect(Collectors.toMap(Function.identity(), e -> found.get(e.receiverId()), (a, b) -> a));
    }

    @BatchMapping(typeName = "WebhookEvent")
    Map<WebhookEvent, WebhookSubscription> subscription(List<WebhookEvent> events) {
        Map<Long, WebhookSubscription> found = subscriptions.byIds(events.getFirst().organizationId(),
                events.stream().map(WebhookEvent::subscriptionId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return events.stream().filter(e -> e.subscriptionId() != null && found.containsKey(e.subscriptionId()))
                .collect(Collectors.toMap(Function.identity(), e -> found.get(e.subscriptionId()), (a, b) -> a));
    }
}
