package io.hookline.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One process's share of a receiver's send slots, against a fake database (docs/delivery-controls.md). */
class ReceiverShareTest {

    private static final int CAP = 8;

    /** Hands out the receiver's free slots and counts the lease statements. */
    static final class FakeLeaser implements ReceiverShare.Leaser {
        final List<Integer> free = new CopyOnWriteArrayList<>(IntStream.range(0, CAP).boxed().toList());
        final List<Integer> asked = new CopyOnWriteArrayList<>();

        @Override
        public synchronized List<Integer> acquire(long receiverId, int want) {
            asked.add(want);
            List<Integer> got = new ArrayList<>(free.subList(0, Math.min(want, free.size())));
            free.removeAll(got);
            return got;
        }
    }

    private final FakeLeaser leaser = new FakeLeaser();
    private final ReceiverShare share = new ReceiverShare(1);

    @Test
    void a_burst_leases_the_slots_it_needs_in_one_statement() throws Exception {
        share.claimed().set(20);
        for (int i = 0; i < CAP; i++) {
            share.acquireSlot(leaser, CAP);
        }
        assertThat(leaser.asked).containsExactly(CAP);
        assertThat(share.slots()).hasSize(CAP);
    }

    @Test
    void slots_stay_while_the_receiver_was_busy_lately_and_go_back_once_it_has_been_idle() throws Exception {
        share.claimed().set(2);
        share.acquireSlot(leaser, CAP);
        share.acquireSlot(leaser, CAP);
        share.releaseSlot(Long.MAX_VALUE);
        share.releaseSlot(Long.MAX_VALUE);
        assertThat(share.idleSlots(Duration.ofMinutes(1).toNanos())).as("claimed work remains").isEmpty();
        share.claimed().set(0);
        assertThat(share.idleSlots(Duration.ofMinutes(1).toNanos())).as("busy a moment ago").isEmpty();
        assertThat(share.idleSlots(0)).containsExactlyInAnyOrder(0, 1);
        assertThat(share.slots()).isEmpty();
        share.claimed().set(1);
        share.acquireSlot(leaser, CAP);
        assertThat(leaser.asked).as("a new burst leases again").containsExactly(2, 1);
    }

    @Test
    void when_another_process_wants_slots_the_free_ones_above_half_the_cap_go_back() throws Exception {
        share.claimed().set(CAP);
        for (int i = 0; i < CAP; i++) {
            share.acquireSlot(leaser, CAP);
        }
        share.renewed(share.slots(), share.slots(), true);
        List<Integer> giveBack = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            giveBack.addAll(share.releaseSlot(0));
        }
        assertThat(giveBack).hasSize(CAP / 2);
        assertThat(share.slots()).hasSize(CAP / 2);
    }

    @Test
    void a_wanted_share_gives_nothing_back_before_its_hold_time() throws Exception {
        share.claimed().set(CAP);
        for (int i = 0; i < CAP; i++) {
            share.acquireSlot(leaser, CAP);
        }
        share.renewed(share.slots(), share.slots(), true);
        assertThat(share.releaseSlot(Duration.ofMinutes(1).toNanos())).isEmpty();
        assertThat(share.slots()).hasSize(CAP);
    }

    @Test
    void a_receiver_whose_slots_are_all_held_elsewhere_is_starved_until_one_comes_back() {
        List<Integer> elsewhere = List.copyOf(leaser.free);
        leaser.free.clear();
        share.claimed().set(1);
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                share.acquireSlot(leaser, CAP);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(share::starved);
        assertThat(send).isNotDone();
        leaser.free.add(elsewhere.getFirst());
        await().atMost(Duration.ofSeconds(5)).until(send::isDone);
        assertThat(share.starved()).isFalse();
        assertThat(share.slots()).containsExactly(elsewhere.getFirst());
    }

    @Test
    void slots_of_a_receiver_other_processes_also_hold_go_back_as_soon_as_the_last_event_claimed_here_is_sent()
            throws Exception {
        leaser.free.subList(2, CAP).clear(); // the others hold six
        share.claimed().set(3);
        share.acquireSlot(leaser, CAP);
        share.acquireSlot(leaser, CAP);
        assertThat(share.slots()).hasSize(2);
        assertThat(share.releaseSlot(Long.MAX_VALUE)).as("one more claimed here").isEmpty();
        share.claimed().set(1);
        assertThat(share.releaseSlot(Long.MAX_VALUE)).containsExactlyInAnyOrder(0, 1);
        assertThat(share.slots()).isEmpty();
    }

    @Test
    void a_starved_share_asks_the_database_again_only_after_a_pause() throws Exception {
        leaser.free.clear();
        share.claimed().set(1);
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                share.acquireSlot(leaser, CAP);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long pauseMillis = SlotContention.STARVED_RETRY_NANOS / 1_000_000;
        Thread.sleep(4 * pauseMillis);
        assertThat(leaser.asked).as("one ask, then one per pause").hasSizeBetween(1, 5);
        leaser.free.add(0);
        await().atMost(Duration.ofSeconds(5)).until(send::isDone);
        assertThat(share.slots()).containsExactly(0);
    }
}
