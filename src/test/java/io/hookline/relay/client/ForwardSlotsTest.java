package io.hookline.relay.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How far ahead a relay client pulls: as many rounds as it forwards within half a lease. */
class ForwardSlotsTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Test
    void one_round_until_a_forward_has_ended_then_as_many_as_half_a_lease_holds_at_most_the_maximum() throws Exception {
        ForwardSlots slots = new ForwardSlots(4, 8, LEASE);
        assertThat(slots.room()).isEqualTo(4);

        forward(slots, Duration.ofMillis(5));
        assertThat(slots.room()).as("fast forwards: the most rounds").isEqualTo(32);

        ForwardSlots slow = new ForwardSlots(4, 8, LEASE);
        forward(slow, Duration.ofSeconds(10));
        assertThat(slow.room()).as("10 s a forward: three fit in half a lease").isEqualTo(12);

        ForwardSlots slower = new ForwardSlots(4, 8, LEASE);
        forward(slower, Duration.ofSeconds(45));
        assertThat(slower.room()).as("never less than one round").isEqualTo(4);
    }

    @Test
    void events_in_hand_take_room_until_forwarded_or_dropped_and_the_limit_follows_hookline() throws Exception {
        ForwardSlots slots = new ForwardSlots(2, 8, LEASE);
        slots.pulled(2);
        slots.startForward();
        slots.startForward();
        slots.dropped(true);
        slots.forwarded(Duration.ofMillis(1));
        assertThat(slots.room()).isEqualTo(16);

        slots.pulled(5);
        slots.follow(1, LEASE);
        assertThat(slots.room()).as("one at a time now: eight rounds of one, five in hand").isEqualTo(3);
    }

    @Test
    void each_of_two_polls_reserves_at_most_half_the_room_and_gives_back_what_it_did_not_pull() throws Exception {
        ForwardSlots slots = new ForwardSlots(4, 8, LEASE);
        forward(slots, Duration.ofMillis(5));
        assertThat(slots.reserve(2)).as("half of eight rounds of four").isEqualTo(16);
        assertThat(slots.reserve(2)).as("the other half, for the second poll").isEqualTo(16);

        slots.pulled(3);
        slots.release(16);
        assertThat(slots.room()).as("the first poll got 3 of its 16; the second still holds its 16").isEqualTo(13);
        assertThat(slots.reserve(2)).as("no more than what is free").isEqualTo(13);
    }

    private static void forward(ForwardSlots slots, Duration took) {
        slots.pulled(1);
        slots.startForward();
        slots.forwarded(took);
    }
}
