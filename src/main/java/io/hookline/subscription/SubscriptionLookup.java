package io.hookline.subscription;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Reading subscriptions from the other features, within one organization. */
@Component
public class SubscriptionLookup {

    private final SubscriptionRepository repository;

    SubscriptionLookup(SubscriptionRepository repository) {
        this.repository = repository;
    }

    public Map<Long, WebhookSubscription> byIds(long organizationId, Collection<Long> ids) {
        return repository.byIds(organizationId, ids);
    }
}
