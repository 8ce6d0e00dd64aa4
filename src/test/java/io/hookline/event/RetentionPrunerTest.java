package io.hookline.event;

import java.time.Duration;

import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPrunerTest extends IntegrationTest {

    @Autowired
    RetentionPruner pruner;

    @Test
    void finished_events_and_processed_changes_past_retention_are_pruned_and_waiting_events_never_are() {
        jdbc.sql("""
                insert into webhook_events (organization_id, body, status, next_attempt_at, occurred_at, created_at, completed_at)
                values (:org, '{}', 'SUCCEEDED', null, now() - interval '40 days', now() - interval '40 days', now() - interval '40 days'),
                       (:org, '{}', 'FAILED', null, now() - interval '40 days', now() - interval '40 days', now() - interval '31 days'),
                       (:org, '{}', 'SUCCEEDED', null, now(), now(), now()),
                       (:org, '{}', 'RETRYING', now() + interval '1 hour', now() - interval '40 days', now() - interval '40 days', null)
                """).param("org", tenant.organizationId()).update();
        jdbc.sql("""
                insert into change_log (organization_id, resource, action, transaction_id, processed_at, occurred_at)
                values (:org, 'RUNS', 'CREATE', 1, now() - interval '40 days', now() - interval '40 days'),
                       (:org, 'RUNS', 'CREATE', 2, now(), now())
                """).param("org", tenant.organizationId()).update();

        assertThat(pruner.prune()).isEqualTo(3);

        assertThat(jdbc.sql("select status from webhook_events order by id").query(String.class).list())
                .containsExactly("SUCCEEDED", "RETRYING");
        assertThat(jdbc.sql("select count(*) from change_log").query(Long.class).single()).isEqualTo(1);
        clock.advance(Duration.ofDays(31));
        assertThat(pruner.prune()).isEqualTo(2);
    }
}
