package io.hookline.receiver;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/**
 * How long a rotated-out secret keeps signing (docs/console.md): the console shows it so a person
 * knows by when the receiver must verify with the new one.
 */
@Controller
class SecretOverlapController {

    private final JdbcClient jdbc;
    private final Clock clock;

    SecretOverlapController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One query for every receiver of a response, not one each: a list page asks for them all. */
    @BatchMapping(typeName = "WebhookReceiver", field = "previousSecretValidUntil")
    Map<WebhookReceiver, OffsetDateTime> previousSecretValidUntil(List<WebhookReceiver> receivers) {
        Map<Long, OffsetDateTime> untilById = new HashMap<>();
        jdbc.sql("""
                        select id, previous_secret_expires_at from webhook_receivers
                        where id in (:ids) and previous_secret is not null and previous_secret_expires_at > :now
                        """)
                .param("ids", receivers.stream().map(WebhookReceiver::id).toList())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    untilById.put(rs.getLong("id"), rs.getObject("previous_secret_expires_at", OffsetDateTime.class));
                });
        // A receiver with no overlap maps to null, which GraphQL shows as null.
        Map<WebhookReceiver, OffsetDateTime> result = new HashMap<>();
        receivers.forEach(r -> result.put(r, untilById.get(r.id())));
        return result;
    }
}
