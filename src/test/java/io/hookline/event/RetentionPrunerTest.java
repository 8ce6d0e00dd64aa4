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
    void finished_events_past_retention_are_pruned_and_waiting_events_never_are() {
        jdbc.sql("""
                with payload as (
                    insert into webhook_event_payloads (organization_id, body, occurred_at, created_at)
                    select :org, '{}', now() - interval '40 days', created
                    from unnest(array[now() - interval '40 days', now() - interval '40 days', now(),
                                      now() - interval '40 days']) with ordinality as t(created, n)
                    order by n
                    returning id)
                insert into webhook_deliveries (event_id, status, next_attempt_at, completed_at)
                select id, state.status, state.next, state.completed
                from (select id, row_number() over (order by id) as n from payload) p
                join (values (1, 'SUCCEEDED', null, now() - interval '40 days'),
                             (2, 'FAILED', null, now() - interval '31 days'),
                             (3, 'SUCCEEDED', null, now()),
                             (4, 'RETRYING', now() + interval '1 hour', null)) as state(n, status, next, completed)
                     on state.n = p.n
                """).param("org", tenant.organizationId()).update();
        // Every event has one attempt, and the first a relay client's pending request: they go with it.
        jdbc.sql("""
                insert into webhook_attempts (event_id, number, trigger, started_at, duration_ms, response_status)
                select event_id, 1, 'SCHEDULED', now() - interval '40 days', 5, 200 from webhook_deliveries
                """).update();
        jdbc.sql("""
                insert into webhook_relay_requests (event_id, claim_token, request_headers)
                select min(event_id), gen_random_uuid(), '{}' from webhook_deliveries
                """).update();

        assertThat(pruner.prune()).isEqualTo(2);

        assertThat(jdbc.sql("select status from webhook_events order by id").query(String.class).list())
                .containsExactly("SUCCEEDED", "RETRYING");
        assertThat(jdbc.sql("select count(*) from webhook_deliveries").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select event_id from webhook_attempts order by event_id").query(Long.class).list())
                .containsExactly(3L, 4L);
        assertThat(jdbc.sql("select count(*) from webhook_relay_requests").query(Long.class).single()).isZero();
        clock.advance(Duration.ofDays(31));
        assertThat(pruner.prune()).isEqualTo(1);
    }
}
