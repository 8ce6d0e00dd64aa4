package io.hookline.relay.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a relay receiver's events from Hookline and forwards each to a local URL, up to
 * {@code concurrency} at once, reporting every local answer back. Reconnects by itself with
 * backoff. {@link #stop()} stops pulling and waits for the forwards in flight to be reported: an
 * event is either answered or, if the client dies first, due again when its lease ends.
 */
public final class RelayClient {

    private static final int REPORT_TRIES = 4;

    private final RelayConnection hookline;
    private final Forwarder forwarder;
    private final Semaphore slots;
    private final ExecutorService forwards = Executors.newVirtualThreadPerTaskExecutor();
    private final Backoff backoff = new Backoff();
    private volatile boolean running = true;
    private volatile Thread poller;

    public RelayClient(URI server, String token, URI forwardTo, int concurrency, Duration forwardTimeout) {
        this.hookline = new RelayConnection(server, token);
        this.forwarder = new Forwarder(forwardTo, forwardTimeout);
        this.slots = new Semaphore(concurrency);
    }

    /** Pulls and forwards until {@link #stop()}; returns once every forward in flight is reported. */
    public void run() {
        poller = Thread.currentThread();
        boolean connected = false;
        while (running) {
            int taken = 0;
            try {
                slots.acquire();
                taken = 1 + slots.drainPermits();
                // The first poll after (re)connecting returns at once: it proves the token and the address.
                List<RelayConnection.Event> events = hookline.poll(taken, connected ? RelayConnection.WAIT_SECONDS : 0);
                if (!connected) {
                    Log.line("Connected to Hookline; forwarding to " + forwarder.target());
                    connected = true;
                }
                backoff.reset();
                for (RelayConnection.Event event : events) {
                    taken--;
                    forwards.submit(() -> forwardAndReport(event));
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
            } finally {
                slots.release(taken);
            }
        }
        awaitForwards();
    }

    /** Stops pulling; {@link #run()} returns once the forwards in flight are reported. */
    public void stop() {
        running = false;
        Thread current = poller;
        if (current != null) {
            current.interrupt();
        }
    }

    private void forwardAndReport(RelayConnection.Event event) {
        try {
            Forwarder.Result result = forwarder.forward(event.headers(), event.body());
            String outcome = result.status() != null ? Integer.toString(result.status())
                    : result.errorKind() + " (" + result.error() + ")";
            Log.line("evt_" + event.id() + " -> " + forwarder.target() + ": " + outcome + " in "
                    + result.duration().toMillis() + " ms" + report(event, result));
        } catch (RuntimeException unexpected) {
            Log.line("evt_" + event.id() + ": " + unexpected + "; Hookline sends it again after its lease");
        } finally {
            slots.release();
        }
    }

    /** Reports with a few quick retries; if Hookline stays unreachable the event comes back after its lease. */
    private String report(RelayConnection.Event event, Forwarder.Result result) {
        Backoff retry = new Backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                hookline.report(event, result);
                return "";
            } catch (RelayConnection.Refused refused) {
                return "; Hookline refused the answer (" + refused.status + "): " + refused.getMessage();
            } catch (IOException e) {
                if (attempt == REPORT_TRIES || !sleep(retry.nextDelay())) {
                    return "; could not report it (" + e.getMessage() + "): Hookline sends it again after its lease";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "; not reported: Hookline sends it again after its lease";
            }
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

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void awaitForwards() {
        Thread.interrupted(); // a stop() that came between two polls must not cut the wait short
        forwards.shutdown();
        try {
            // A forward ends by its timeout; its report gets a little longer.
            if (!forwards.awaitTermination(60, TimeUnit.SECONDS)) {
                Log.line("Stopping with forwards unreported; Hookline sends them again after their lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.line("Stopped");
    }
}
