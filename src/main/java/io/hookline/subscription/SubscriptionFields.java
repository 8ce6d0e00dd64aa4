package io.hookline.subscription;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.hookline.auth.User;
import io.hookline.auth.UserDirectory;
import io.hookline.receiver.ReceiverLookup;
import io.hookline.receiver.WebhookReceiver;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The fields of {@code WebhookSubscription} beyond its columns, and {@code WebhookReceiver.subscriptions}. */
@Controller
class SubscriptionFields {

    private final SubscriptionRepository repository;
    private final ReceiverLookup receivers;
    private final UserDirectory users;

    SubscriptionFields(SubscriptionRepository repository, ReceiverLookup receivers, UserDirectory users) {
        this.repository = repository;
        this.receivers = receivers;
        this.users = users;
    }

    @SchemaMapping(typeName = "WebhookSubscription", field = "filter")
    Object filter(WebhookSubscription subscription) {
        return SubscriptionFilters.read(subscription.filter());
    }

    @SchemaMapping(typeName = "WebhookSubscription", field = "_etag")
    String etag(WebhookSubscription subscription) {
        return subscription.etag();
    }

    @BatchMapping(typeName = "WebhookSubscription")
    Map<WebhookSubscription, WebhookReceiver> receiver(List<WebhookSubscription> subscriptions) {
        Map<Long, WebhookReceiver> found = receivers.byIds(subscriptions.getFirst().organizationId(),
                subscriptions.stream().map(WebhookSubscription::receiverId).collect(Collectors.toSet()));
        return subscriptions.stream().filter(s -> found.containsKey(s.receiverId()))
                .collect(Collectors.toMap(Function.identity(), s -> found.get(s.receiverId()), (a, b) -> a));
    }

    @BatchMapping(typeName = "WebhookSubscription")
    Map<WebhookSubscription, User> createdBy(List<WebhookSubscription> subscriptions) {
        Set<Long> ids = subscriptions.stream().map(WebhookSubscription::createdBy).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, User> found = users.byIds(subscriptions.getFirst().organizationId(), ids);
        return subscriptions.stream().filter(s -> s.createdBy() != null && found.containsKey(s.createdBy()))
                .collect(Collectors.toMap(Function.identity(), s -> found.get(s.createdBy()), (a, b) -> a));
    }

    @BatchMapping(typeName = "WebhookReceiver")
    Map<WebhookReceiver, List<WebhookSubscription>> subscriptions(List<WebhookReceiver> receiverList) {
        Map<Long, List<WebhookSubscription>> byReceiver = repository.byReceivers(
                receiverList.stream().map(WebhookReceiver::id).toList()).stream()
                .collect(Collectors.groupingBy(WebhookSubscription::receiverId));
        return receiverList.stream().collect(Collectors.toMap(Function.identity(),
                r -> byReceiver.getOrDefault(r.id(), List.of()), (a, b) -> a));
    }
}
