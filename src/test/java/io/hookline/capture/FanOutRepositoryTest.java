package io.hookline.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out statement on its own, against real PostgreSQL; this application runs no workers. */
@TestPropertySource(properties = "hookline.roles=api")
class FanOutRepositoryTest extends IntegrationTest {

    @Autowired
    FanOutRepository repository;

    private Webhooks webhooks;
    private long first;
    private long second;

    @BeforeEach
    void twoSubscribedReceiversAndTenChanges() {
        webhooks = new Webhooks(api, jdbc, tenant.organizationId());
        first = webhooks.receiver("http://127.0.0.1:9/first").id();
        second = webhooks.receiver("http://127.0.0.1:9/second").id();
        webhooks.subscribe(first, "RUNS", "CREATE");
        webhooks.subscribe(second, "RUNS", "CREATE");
        jdbc.sql("insert into runs (organization_id, title) select :org, 'run ' || n from generate_series(1, 10) n")
                .param("org", tenant.organizationId()).update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void changes_become_one_event_per_subscription_and_are_deleted_not_marked() {
        FanOutRepository.Batch batch = repository.fanOut(Instant.now(), 500, FanOutRepository.NO_OFFER);

        assertThat(batch.changes()).isEqualTo(10);
        assertThat(batch.events()).isEqualTo(20);
        assertThat(batch.claimed()).isEmpty();
        assertThat(count("select count(*) from change_log")).isZero();
        assertThat(count("select count(*) from webhook_events where status = 'PENDING' and claim_token is null"))
                .isEqualTo(20);
        assertThat(count("select count(*) from webhook_deliveries d join webhook_event_payloads p on p.id = d.event_id "
                + "where d.receiver_id = p.receiver_id and d.subscription_id = p.subscription_id")).isEqualTo(20);
    }

    @Test
    void new_events_are_claimed_for_the_offer_within_its_room_its_per_receiver_cap_and_never_for_a_saturated_receiver() {
        UUID token = UUID.randomUUID();
        Instant now = Instant.now();
        Handoff.Offer offer = new Handoff.Offer(token, now.plus(Duration.ofSeconds(30)), 7, 4, new Long[] {second});

        FanOutRepository.Batch batch = repository.fanOut(now, 500, offer);

        assertThat(batch.events()).isEqualTo(20);
        assertThat(batch.claimed()).hasSize(4).allSatisfy(c -> {
            assertThat(c.receiverId()).isEqualTo(first);
            assertThat(JsonPath.<Integer>read(c.body(), "$.event_id")).isEqualTo((int) c.eventId());
            assertThat(JsonPath.<String>read(c.body(), "$.resource")).isEqualTo("RUNS");
            assertThat(c.organizationId()).isEqualTo(tenant.organizationId());
        });
        assertThat(jdbc.sql("select event_id from webhook_deliveries where claim_token = :t order by event_id")
                .param("t", token).query(Long.class).list())
                .containsExactlyElementsOf(batch.claimed().stream().map(Handoff.Claimed::eventId).toList());
        assertThat(count("select count(*) from webhook_deliveries where claim_token is not null and leased_until > now()"))
                .isEqualTo(4);
    }
}
