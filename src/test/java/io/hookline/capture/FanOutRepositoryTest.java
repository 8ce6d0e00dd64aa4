package io.hookline.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out statement on its own, against real PostgreSQL; this application runs no workers. */
@TestPropertySource(properties = "hookline.roles=api")
class FanOutRepositoryTest extends IntegrationTest {

    @Autowired
    FanOutRepository repository;

    @Autowired
    PlatformTransactionManager transactions;

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
    void while_another_process_fans_out_a_batch_takes_nothing_and_then_goes_on_in_change_order() throws Exception {
        TransactionTemplate otherProcess = new TransactionTemplate(transactions);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread fanningOut = Thread.ofVirtual().start(() -> otherProcess.executeWithoutResult(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", FanOutRepository.FAN_OUT_LOCK).query().singleValue();
            holding.countDown();
            awaitQuietly(done);
        }));
        holding.await();
        try {
            FanOutRepository.Batch meanwhile = repository.fanOut(Instant.now(), 500, FanOutRepository.NO_OFFER);
            assertThat(meanwhile.changes()).isZero();
            assertThat(count("select count(*) from change_log")).isEqualTo(10);
        } finally {
            done.countDown();
            fanningOut.join();
        }

        assertThat(repository.fanOut(Instant.now(), 500, FanOutRepository.NO_OFFER).events()).isEqualTo(20);
        assertThat(jdbc.sql("select change_id from webhook_event_payloads order by id").query(Long.class).list())
                .as("event ids in change order").isSorted();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
