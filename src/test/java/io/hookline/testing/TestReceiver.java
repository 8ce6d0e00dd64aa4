package io.hookline.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A webhook receiver for tests: listens on 127.0.0.1, port 0, over HTTP or HTTPS, records every request
 * and answers what the test says, changeable at any time.
 *
 * <pre>{@code
 * try (TestReceiver receiver = TestReceiver.https()) {          // or TestReceiver.http()
 *     receiver.answer(Reply.status(500));                       // from now on, every request
 *     receiver.answer(2, Reply.status(200));                    // except the 2nd, whatever the default
 *     send(receiver.url("/hooks"));
 *     ReceivedRequest first = receiver.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
 *     assertThat(first.header("webhook-id")).isEqualTo("evt_42");
 * }
 * }</pre>
 *
 * It speaks plain HTTP/1.1 over its own sockets rather than using a library server, so it can also
 * misbehave the way real receivers do: hang, reset the TCP connection, trickle or never end a body (see
 * {@link Reply}). Keep-alive connections are served until the client closes them. Closing the receiver
 * releases hanging answers and closes every connection.
 */
public final class TestReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final SSLContext tls;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final Map<Integer, Reply> repliesByNumber = new ConcurrentHashMap<>();
    private final List<String> payloadViolations = new CopyOnWriteArrayList<>();
    private final AtomicInteger pendingChecks = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Reply defaultReply = Reply.status(200);

    private TestReceiver(SSLContext tls) {
        this.tls = tls;
        try {
            this.server = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        threads.submit(this::acceptConnections);
    }

    /** A plain HTTP receiver answering 200 until told otherwise. */
    public static TestReceiver http() {
        return new TestReceiver(null);
    }

    /** An HTTPS receiver presenting {@link TestCertificates#localhost()}. */
    public static TestReceiver https() {
        return https(TestCertificates.localhost());
    }

    /** An HTTPS receiver presenting the given certificate. */
    public static TestReceiver https(TestCertificates certificates) {
        return new TestReceiver(certificates.serverContext());
    }

    /** {@code http(s)://localhost:{port}{path}}; {@code path} should start with a slash. */
    public String url(String path) {
        return (tls == null ? "http" : "https") + "://localhost:" + port() + path;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answer every request from now on this way, except those given their own reply by number. */
    public TestReceiver answer(Reply reply) {
        this.defaultReply = reply;
        return this;
    }

    /** Answer the request with this 1-based arrival number this way. */
    public TestReceiver answer(int requestNumber, Reply reply) {
        repliesByNumber.put(requestNumber, reply);
        return this;
    }

    /**
     * Every request received so far, in arrival order. Fails the test if any webhook body among
     * them did not match its resource's published schema (see {@link PayloadConformance}).
     */
    public List<ReceivedRequest> requests() {
        assertPayloadsConform();
        List<ReceivedRequest> snapshot = new ArrayList<>(received);
        snapshot.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return List.copyOf(snapshot);
    }

    /** Waits until at least {@code count} requests have arrived (failing the test after {@code timeout}). */
    public List<ReceivedRequest> awaitRequests(int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> received.size() >= count);
        return requests();
    }

    /** The most requests this receiver was answering at once, from arrival to the end of its answer. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** The requests received so far by number; convenient after {@link #awaitRequests}. */
    public ReceivedRequest request(int number) {
        return requests().stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow(() -> new AssertionError("no request number " + number + " yet"));
    }

    private void acceptConnections() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException closedOrBroken) {
                return;
            }
        }
    }

    private void serve(Socket raw) {
        try {
            Socket socket = raw;
            if (tls != null) {
                // Layered over the raw socket, so a reset can close the TCP socket without TLS close_notify.
                socket = tls.getSocketFactory().createSocket(raw, null, false);
                ((SSLSocket) socket).setUseClientMode(false);
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            boolean keepOpen = true;
            while (keepOpen) {
                HttpWire.Incoming incoming = HttpWire.readRequest(in, out);
                if (incoming == null) {
                    return;
                }
                int number = arrivals.incrementAndGet();
                if (incoming.headers().containsKey("webhook-id")) {
                    // Checked beside the answer, so a slow first check (building the schemas) never delays it;
                    // reading the requests waits for the checks.
                    pendingChecks.incrementAndGet();
                    threads.submit(() -> checkPayload(incoming));
                }
                // Chosen before recording, so a test that sees the request can't race the choice.
                Reply reply = repliesByNumber.getOrDefault(number, defaultReply);
                received.add(new ReceivedRequest(number, incoming.method(), incoming.target(), incoming.path(),
                        incoming.headers(), incoming.body(), Instant.now(), raw.getInetAddress()));
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    keepOpen = answer(reply, raw, out) && !"close".equalsIgnoreCase(incoming.header("connection"));
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        } catch (IOException | RuntimeException clientWentAway) {
            // Normal in tests: clients time out, abort, or fail the TLS handshake on purpose.
        } finally {
            closeQuietly(raw);
            connections.remove(raw);
        }
    }

    /** Answers one request; false when the connection must not be used again. */
    private boolean answer(Reply reply, Socket raw, OutputStream out) throws IOException {
        if (!reply.delay().isZero() && waitUntilClosed(reply.delay())) {
            return false;
        }
        switch (reply.mode()) {
            case HANG -> {
                waitUntilClosed(null);
                return false;
            }
            case RESET -> {
                raw.setSoLinger(true, 0);
                raw.close();
                return false;
            }
            case NORMAL -> {
                List<Map.Entry<String, String>> headers = new ArrayList<>(reply.headers());
                headers.add(Map.entry("content-length", Integer.toString(reply.body().length)));
                HttpWire.writeHead(out, reply.status(), headers);
                out.write(reply.body());
                out.flush();
                return !reply.closesConnection();
            }
            case TRICKLE, ENDLESS_BODY -> {
                List<Map.Entry<String, String>> headers = new ArrayList<>(reply.headers());
                headers.add(Map.entry("transfer-encoding", "chunked"));
                HttpWire.writeHead(out, reply.status(), headers);
                out.flush();
                byte[] chunk = new byte[reply.mode() == Reply.Mode.TRICKLE ? 1 : 8192];
                Arrays.fill(chunk, (byte) 'x');
                // Ends when the client hangs up (the write fails) or the receiver closes.
                while (true) {
                    HttpWire.writeChunk(out, chunk);
                    if (reply.mode() == Reply.Mode.TRICKLE && waitUntilClosed(reply.interval())) {
                        return false;
                    }
                    if (closed.getCount() == 0) {
                        return false;
                    }
                }
            }
        }
        throw new IllegalStateException("unknown reply mode " + reply.mode());
    }

    /** Waits {@code wait} (forever if null); true if the receiver was closed meanwhile. */
    private boolean waitUntilClosed(Duration wait) {
        try {
            if (wait == null) {
                closed.await();
                return true;
            }
            return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops listening, releases hanging answers and closes every connection; fails on a body off its schema. */
    @Override
    public void close() {
        closed.countDown();
        closeQuietly(server);
        connections.forEach(TestReceiver::closeQuietly);
        assertPayloadsConform();
        threads.shutdownNow();
    }

    private void checkPayload(HttpWire.Incoming incoming) {
        try {
            payloadViolations.addAll(PayloadConformance.violations(incoming.header("content-type"), incoming.body()));
        } catch (RuntimeException uncheckable) {
            payloadViolations.add("the body could not be checked: " + uncheckable);
        } finally {
            pendingChecks.decrementAndGet();
        }
    }

    private void assertPayloadsConform() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> pendingChecks.get() == 0);
        if (!payloadViolations.isEmpty()) {
            throw new AssertionError("webhook bodies that do not match their published schema:\n"
                    + String.join("\n", payloadViolations));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed or broken
        }
    }
}
