package io.hookline.receiver;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingEnvironment;
import io.hookline.receiver.DeliveryStatsRepository.DeliveryInterval;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/**
 * WebhookReceiver.deliveryStats (docs/console.md): the receivers of one response are read in one
 * query, not one each, as a list page asks for them all. A plain @BatchMapping cannot take field
 * arguments, so the arguments are part of the batch key and each distinct window is one query.
 */
@Controller
class DeliveryStatsController {

    private static final String LOADER = "webhookReceiverDeliveryStats";

    private record StatsKey(long organizationId, long receiverId, DeliveryWindow window) {
    }

    private final DeliveryStatsRepository repository;
    private final Clock clock;

    DeliveryStatsController(DeliveryStatsRepository repository, Clock clock, BatchLoaderRegistry loaders) {
        this.repository = repository;
        this.clock = clock;
        loaders.<StatsKey, List<DeliveryInterval>>forName(LOADER)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> load(keys)));
    }

    @SchemaMapping(typeName = "WebhookReceiver", field = "deliveryStats")
    CompletableFuture<List<DeliveryInterval>> deliveryStats(WebhookReceiver receiver, @Argument Integer hours,
                                                            @Argument Integer intervalMinutes,
                                                            DataFetchingEnvironment environment) {
        DeliveryWindow window = DeliveryWindow.of(hours, intervalMinutes);
        DataLoader<StatsKey, List<DeliveryInterval>> loader = environment.getDataLoader(LOADER);
        return loader.load(new StatsKey(receiver.organizationId(), receiver.id(), window));
    }

    private Map<StatsKey, List<DeliveryInterval>> load(Set<StatsKey> keys) {
        // One "now" for the whole response: every receiver's chart ends at the same interval.
        Instant now = clock.instant();
        Map<StatsKey, List<DeliveryInterval>> result = new HashMap<>();
        keys.stream().collect(Collectors.groupingBy(key -> Map.entry(key.organizationId(), key.window())))
                .forEach((group, groupKeys) -> {
                    Map<Long, List<DeliveryInterval>> byReceiver = repository.intervals(group.getKey(),
                            groupKeys.stream().map(StatsKey::receiverId).toList(), group.getValue(), now);
                    groupKeys.forEach(key -> result.put(key, byReceiver.getOrDefault(key.receiverId(), List.of())));
                });
        return result;
    }
}
