package io.hookline.receiver;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
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

    @SchemaMapping(typeName = "WebhookReceiver", field = "previousSecretValidUntil")
    OffsetDateTime previousSecretValidUntil(WebhookReceiver receiver) {
        OffsetDateTime until = jdbc.sql("""
                        select previous_secret_expires_at from webhook_receivers
                        where id = :id and organization_id = :org and previous_secret is not null
                        """)
                .param("id", receiver.id()).param("org", receiver.organizationId())
                .query(OffsetDateTime.class).optional().orElse(null);
        return until != null && until.toInstant().isAfter(clock.instant()) ? until : null;
    }
}
