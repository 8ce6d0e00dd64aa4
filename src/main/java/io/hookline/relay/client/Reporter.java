package io.hookline.relay.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reports a relay client's local answers to Hookline as they come, many per request, and logs one
 * line per forward once Hookline has it (or why it has not: then Hookline sends it again after its lease).
 */
final class Reporter {

    private static final int MAX_REPORT = 100;
    private static final int REPORT_TRIES = 4;

    private final RelayConnection hookline;
    private final String target;
    private final BlockingQueue<RelayConnection.Answered> answered = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** Reports until {@code done} says no more answers come and every one given is reported. */
    Reporter(RelayConnection hookline, String target, BooleanSupplier done) {
        this.hookline = hookline;
        this.target = target;
        this.thread = Thread.ofPlatform().name("hookline-relay-reporter").unstarted(() -> loop(done));
    }

    void start() {
        thread.start();
    }

    void add(RelayConnection.Answered answer) {
        answered.add(answer);
    }

    void join() throws InterruptedException {
        thread.join(Duration.ofSeconds(60));
    }

    private void loop(BooleanSupplier done) {
        while (!(done.getAsBoolean() && answered.isEmpty())) {
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
                if (attempt == REPORT_TRIES || !RelayClient.sleep(retry.nextDelay())) {
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
            Log.line("evt_" + a.event().id() + " -> " + target + ": " + outcome + " in "
                    + result.duration().toMillis() + " ms" + note);
        }
    }
}
