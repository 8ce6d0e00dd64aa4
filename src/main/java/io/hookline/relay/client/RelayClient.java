package io.hookline.relay.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a relay receiver's events from Hookline and forwards each to a local URL, up to
 * {@code concurrency} at once and never more than Hookline's share for this client of the
 * receiver's {@code maxConcurrency}, reporting the local answers back in batches. A few rounds of
 * events are pulled ahead, so the next ones are here when a forward ends and a poll is usually
 * waiting at Hookline when the next event comes. Reconnects
 * by itself with backoff. {@link #stop()} stops pulling, lets the forwards in flight finish and
 * reports them: an event is either answered or, if the client dies first, due again when its lease ends.
 */
public final class RelayClient {

    /** The most rounds of its forwards at once a client holds; Hookline hands out no more (docs/relay.md). */
    private static final int ROUNDS_AHEAD = 8;
    private static final int MAX_REPORT = 100;
    private static final int REPORT_TRIES = 4;

    private final RelayConnection hookline;
    private final Forwarder forwarder;
    private final ForwardSlots slots;
    private final int concurrency;
    private final BlockingQueue<RelayConnection.Answered> answered = new LinkedBlockingQueue<>();
    private final ExecutorService forwards = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread reporter = Thread.ofPlatform().name("hookline-relay-reporter").unstarted(this::reportLoop);
    private final Backoff backoff = new Backoff();
    private volatile boolean running = true;
    private volatile boolean forwardsDone;
    private volatile Thread poller;

    public RelayClient(URI server, String token, URI forwardTo, int concurrency, Duration forwardTimeout) {
        this.hookline = new RelayConnection(server, token);
        this.forwarder = new Forwarder(forwardTo, forwardTimeout);
        this.concurrency = concurrency;
        this.slots = new ForwardSlots(concurrency, ROUNDS_AHEAD, RelayConnection.DEFAULT_LEASE);
    }

    /** Pulls and forwards until {@link #stop()}; returns once every forward in flight is reported. */
    public void run() {
        poller = Thread.currentThread();
        reporter.start();
        boolean connected = false;
        while (running) {
            try {
                int room = slots.room();
                // The first poll after (re)connecting returns at once: it proves the token and the address.
                RelayConnection.Pulled pulled = hookline.poll(room, connected ? RelayConnection.WAIT_SECONDS : 0);
                if (!connected) {
                    Log.line("Connected to Hookline; forwarding to " + forwarder.target());
                    connected = true;
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
                connected = false;
                if (!running) {
                    break;
                }
                Duration wait = backoff.nextDelay();
                Log.line(describe(failure) + "; retrying in " + wait.toMillis() / 1000.0 + " s");
                if (!sleep(wait)) {
                    break;
                }
            }
        }
        finish();
    }

    /** Stops pulling; {@link #run()} returns once the forwards in flight are reported. */
    public void stop() {
        running = false;
        Thread current = poller;
        if (current != null) {
            current.interrupt();
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
            answered.add(new RelayConnection.Answered(event, result));
        } catch (RuntimeException unexpected) {
            Log.line("evt_" + event.id() + ": " + unexpected + "; Hookline sends it again after its lease");
            slots.dropped(started);
        }
    }

    /** Reports answers as they come, many per request; logs one line per forward once Hookline has it. */
    private void reportLoop() {
        while (!(forwardsDone && answered.isEmpty())) {
            List<RelayConnection.Answered> batch = new ArrayList<>();
            try {
                RelayConnection.Answered first = answered.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                continue; // nothing interrupts the reporter on purpose: keep draining
            }
            answered.drainTo(batch, MAX_REPORT - 1);
            report(batch);
        }
    }

    private void report(List<RelayConnection.Answered> batch) {
        Backoff retry = new Backoff();
        String failure = null;
        Map<Long, String> refused = Map.of();
        for (int attempt = 1; ; attempt++) {
            try {
                refused = hookline.report(batch);
                break;
            } catch (IOException e) {
                if (attempt == REPORT_TRIES || !sleep(retry.nextDelay())) {
                    failure = "could not report it (" + e.getMessage() + "): Hookline sends it again after its lease";
                    break;
                }
            } catch (InterruptedException e) {
                failure = "not reported: Hookline sends it again after its lease";
                break;
            }
        }
        for (RelayConnection.Answered a : batch) {
            Forwarder.Result result = a.result();
            String outcome = result.status() != null ? Integer.toString(result.status())
                    : result.errorKind() + " (" + result.error() + ")";
            String note = failure != null ? "; " + failure
                    : refused.containsKey(a.event().id()) ? "; Hookline refused the answer: " + refused.get(a.event().id()) : "";
            Log.line("evt_" + a.event().id() + " -> " + forwarder.target() + ": " + outcome + " in "
                    + result.duration().toMillis() + " ms" + note);
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

    private static boolean sleep(Duration wait) {
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
            reporter.join(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.line("Stopped");
    }
}
