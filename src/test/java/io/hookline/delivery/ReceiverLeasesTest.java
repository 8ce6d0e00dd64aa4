package io.hookline.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.hookline.testing.IntegrationTest;
import io.hookline.testing.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver's send slots leased by several holders, against real PostgreSQL (docs/delivery-controls.md). */
@TestPropertySource(properties = "hookline.roles=api")
class ReceiverLeasesTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    ReceiverLeases leases;

    private long receiver;
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @BeforeEach
    void aReceiverWithACapOfFour() {
        receiver = new Webhooks(api, jdbc, tenant.organizationId()).receiver("http://127.0.0.1:9/r").id();
        cap(4);
    }

    @Test
    void slots_are_made_as_they_are_first_leased_and_never_beyond_the_cap() {
        assertThat(leases.acquire(receiver, first, 3, LEASE)).containsExactly(0, 1, 2);
        assertThat(leases.acquire(receiver, second, 3, LEASE)).containsExactly(3);
        assertThat(leases.acquire(receiver, second, 1, LEASE)).isEmpty();
        assertThat(jdbc.sql("select count(*) from receiver_send_slots where receiver_id = :r").param("r", receiver)
                .query(Integer.class).single()).isEqualTo(4);

        cap(6);
        assertThat(leases.acquire(receiver, second, 5, LEASE)).containsExactly(4, 5);
    }

    @Test
    void a_holder_that_finds_none_free_marks_the_others_slots_wanted_and_a_released_slot_is_leased_again() {
        assertThat(leases.acquire(receiver, first, 4, LEASE)).containsExactly(0, 1, 2, 3);

        assertThat(leases.acquire(receiver, second, 2, LEASE)).isEmpty();
        assertThat(leases.renew(first, new Long[] {receiver}, new Integer[] {0}, LEASE))
                .allMatch(ReceiverLeases.Slot::wanted);

        leases.release(receiver, first, List.of(2));
        assertThat(leases.acquire(receiver, second, 2, LEASE)).containsExactly(2);
    }

    private void cap(int maxConcurrency) {
        jdbc.sql("update webhook_receivers set max_concurrency = :c where id = :r")
                .param("c", maxConcurrency).param("r", receiver).update();
    }
}
