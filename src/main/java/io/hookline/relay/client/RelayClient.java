package io.hookline.relay.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Pulls a relay receiver's events from Hookline and forwards each to a local URL, up to
 * {@code concurrency} at once and never more than Hookline's share for this client of the
 * receiver's {@code maxConcurrency}, reporting the local answers back in batches. A few rounds of
 * events are pulled ahead, and two polls run at once, so the next events are here when a forward
 * ends and a poll is waiting at Hookline when the next event comes, even while the other one's
 * events are on their way (docs/relay.md). Reconnects by itself with backoff. {@link #stop()} stops
 * pulling, lets the forwards in flight finish and reports them: an event is either answered or, if
 * the client dies first, due again when its lease ends.
 */
public final class RelayClient {

    /** The most rounds of its forwards at once a client holds; Hookline hands out no more (docs/relay.md). */
    private static final int ROUNDS_AHEAD = 8;
    /** Polls waiting at Hookline at once: while one's answer travels, the other takes the next event. */
    private static final int POLLS = 2;

    private final RelayConnection hookline;
    private final Forwarder forwarder;
    private final ForwardSlots slots;
    private final int concurrency;
    private final Reporter reporter;
    private final ExecutorService forwards = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Thread> otherPolls;
    private final AtomicBoolean connected = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile boolean forwardsDone;
    private volatile Thread firstPoll;

    public RelayClient(URI server, String token, URI forwardTo, int concurrency, Duration forwardTimeout) {
        this.hookline = new RelayConnection(server, token);
        this.forwarder = new Forwarder(forwardTo, forwardTimeout);
        this.concurrency = concurrency;
        this.slots = new ForwardSlots(concurrency, ROUNDS_AHEAD, RelayConnection.DEFAULT_LEASE);
        this.reporter = new Reporter(hookline, forwardTo.toString(), () -> forwardsDone);
        this.otherPolls = IntStream.range(1, POLLS)
                .mapToObj(i -> Thread.ofPlatform().name("hookline-relay-poll-" + i).unstarted(() -> poll(false)))
                .toList();
    }

    /** Pulls and forwards until {@link #stop()}; returns once every forward in flight is reported. */
    public void run() {
        firstPoll = Thread.currentThread();
        reporter.start();
        otherPolls.forEach(Thread::start);
        poll(true);
        for (Thread other : otherPolls) {
            try {
                other.join();
            } catch (InterruptedException e) {
                break;
            }
        }
        finish();
    }

    /** Stops pulling; {@link #run()} returns once the forwards in flight are reported. */
    public void stop() {
        running = false;
        Thread first = firstPoll;
        if (first != null) {
            first.interrupt();
        }
        otherPolls.forEach(Thread::interrupt);
    }

    /**
     * One poll after another. The {@code speaking} loop logs its failures and tells when the client is
     * disconnected; the other loops back off in silence, so a failure is logged once.
     */
    private void poll(boolean speaking) {
        Backoff backoff = new Backoff();
        boolean mine = false; // this loop's own connection state: its first poll after a failure returns at once
        while (running) {
            int reserved = 0;
            try {
                reserved = slots.reserve(POLLS);
                // The first poll after (re)connecting returns at once: it proves the token and the address.
                RelayConnection.Pulled pulled = hookline.poll(reserved, mine ? RelayConnection.WAIT_SECONDS : 0);
                mine = true;
                if (!connected.getAndSet(true)) {
                    Log.line("Connected to Hookline; forwarding to " + forwarder.target());
                }
                backoff.reset();
                // The lease began when Hookline answered, a moment before the answer arrived here.
                long leaseEnds = System.nanoTime() + pulled.lease().toNanos();
                slots.follow(pulled.forwardAtOnce() > 0 ? Math.min(concurrency, pulled.forwardAtOnce()) : concurrency,
                        pulled.lease());
                slots.pulled(pulled.events().size());
                for (RelayConnection.Event event : pulled.events()) {
                    forwards.submit(() -> forward(event, leaseEnds));
                }
            } catch (InterruptedException stopping) {
                break;
            } catch (IOException | RuntimeException failure) {
                mine = false;
                if (!running) {
                    break;
                }
                Duration wait = backoff.nextDelay();
                if (speaking) {
                    connected.set(false);
                    Log.line(describe(failure) + "; retrying in " + wait.toMillis() / 1000.0 + " s");
                }
                if (!sleep(wait)) {
                    break;
                }
            } finally {
                slots.release(reserved);
            }
        }
    }

    private void forward(RelayConnection.Event event, long leaseEnds) {
        boolean started = false;
        try {
            slots.startForward();
            started = true;
            long start = System.nanoTime();
            if (start - leaseEnds >= 0) {
                // Another client may have it by now; forwarding it too would only make a duplicate.
                Log.line("evt_" + event.id() + ": its lease ran out before it could be forwarded; Hookline sends it again");
                slots.dropped(true);
                return;
            }
            Forwarder.Result result = forwarder.forward(event.headers(), event.body());
            slots.forwarded(Duration.ofNanos(System.nanoTime() - start));
            reporter.add(new RelayConnection.Answered(event, result));
        } catch (RuntimeException unexpected) {
            Log.line("evt_" + event.id() + ": " + unexpected + "; Hookline sends it again after its lease");
            slots.dropped(started);
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof RelayConnection.Refused refused) {
            return refused.status == 401
                    ? "Hookline refused the relay token (401): " + refused.getMessage()
                    : "Hookline answered " + refused.status + ": " + refused.getMessage();
        }
        return "Cannot reach Hookline (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + ")";
    }

    static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void finish() {
        Thread.interrupted(); // a stop() that came between two polls must not cut the wait short
        forwards.shutdown();
        try {
            // A forward ends by its timeout; the reports after it get a little longer.
            if (!forwards.awaitTermination(60, TimeUnit.SECONDS)) {
                Log.line("Stopping with forwards unreported; Hookline sends them again after their lease");
            }
            forwardsDone = true;
            reporter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.line("Stopped");
    }
}
