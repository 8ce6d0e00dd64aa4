package io.hookline.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The receivers every scenario and baseline posts to: one listening port on 127.0.0.1 per receiver
 * (so each is its own connection-pool route, as distinct hosts would be), recording the arrival time
 * of every request. The first {@code healthy} ports answer 200 at once (or after the delay set with
 * {@link #answerAfter}); then one port hangs for {@code hang} before answering (longer than Hookline's
 * request timeout), and one answers 500. Each port counts the requests it is answering at once.
 *
 * <p>A minimal HTTP/1.1 server (keep-alive, Content-Length or chunked request bodies, empty responses),
 * one platform thread per connection (on loopback they cost less CPU per request than virtual threads,
 * which hop through the poller), so that it costs far less than what it measures; its ceiling is
 * measured and reported in every run.
 */
final class BenchReceiver implements AutoCloseable {

    private static final byte[] OK = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FAIL =
            "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<ServerSocket> servers = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Arrivals arrivals = new Arrivals();
    private final AtomicLongArray answerDelayNanos;
    private final AtomicIntegerArray inFlight;
    private final AtomicIntegerArray maxInFlight;
    private final int healthy;
    private final Duration hang;
    private volatile boolean open = true;

    BenchReceiver(int healthy, Duration hang) throws IOException {
        this.healthy = healthy;
        this.hang = hang;
        this.answerDelayNanos = new AtomicLongArray(healthy + 2);
        this.inFlight = new AtomicIntegerArray(healthy + 2);
        this.maxInFlight = new AtomicIntegerArray(healthy + 2);
        for (int i = 0; i < healthy + 2; i++) {
            int receiver = i;
            ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            servers.add(server);
            Thread.ofVirtual().name("bench-accept-" + i).start(() -> accept(receiver, server));
        }
    }

    int hangingReceiver() {
        return healthy;
    }

    int failingReceiver() {
        return healthy + 1;
    }

    String url(int receiver) {
        return "http://127.0.0.1:" + servers.get(receiver).getLocalPort() + "/hook/" + receiver;
    }

    /** Healthy port {@code receiver} answers each request {@code delay} after reading it. */
    void answerAfter(int receiver, Duration delay) {
        answerDelayNanos.set(receiver, delay.toNanos());
    }

    /** The most requests port {@code receiver} was answering at once since the last call, and starts counting anew. */
    int takeMaxInFlight(int receiver) {
        return maxInFlight.getAndSet(receiver, inFlight.get(receiver));
    }

    long count() {
        return arrivals.count();
    }

    /** Everything that arrived since the last call, and forgets it. */
    List<Arrival> drain() {
        return arrivals.drain();
    }

    private void accept(int receiver, ServerSocket server) {
        while (open) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread.ofPlatform().daemon().name("bench-conn").start(() -> serve(receiver, socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(int receiver, Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
             OutputStream out = socket.getOutputStream()) {
            while (open) {
                String line = HttpRequestReader.readLine(in);
                if (line == null) {
                    return;
                }
                // In flight from the request line until the response is decided: the count drops before the
                // response is written, so a client that waits for it never overlaps its next request with this one.
                maxInFlight.accumulateAndGet(receiver, inFlight.incrementAndGet(receiver), Math::max);
                byte[] response;
                try {
                    response = answer(receiver, in);
                } finally {
                    inFlight.decrementAndGet(receiver);
                }
                out.write(response);
                out.flush();
            }
        } catch (IOException | RuntimeException | InterruptedException closed) {
            // the client went away, or the receiver is closing
        } finally {
            connections.remove(socket);
        }
    }

    /** Reads the rest of one request (after its request line), records it and says what to answer. */
    private byte[] answer(int receiver, InputStream in) throws IOException, InterruptedException {
        HttpRequestReader.Request request = HttpRequestReader.readRest(in);
        arrivals.record(receiver, request.webhookId(), request.body());
        if (receiver == hangingReceiver()) {
            Thread.sleep(hang);
            return OK;
        }
        long delay = answerDelayNanos.get(receiver);
        if (delay > 0) {
            Thread.sleep(Duration.ofNanos(delay));
        }
        return receiver == failingReceiver() ? FAIL : OK;
    }

    @Override
    public void close() {
        open = false;
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
