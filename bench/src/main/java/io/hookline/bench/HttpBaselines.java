package io.hookline.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baselines with no database, on the same receiver: the HTTP limit of Hookline's own client, and
 * the bench receiver's ceiling.
 */
final class HttpBaselines {

    private HttpBaselines() {
    }

    /**
     * The ceiling: {@code events} posts spread over {@code receivers} receivers, as fast as {@code concurrency}
     * virtual threads can send them, no database.
     */
    static Map<String, Object> httpLimit(BenchReceiver receiver, int receivers, int events, int concurrency,
                                         BodyTemplate template) throws Exception {
        receiver.drain();
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        try (Poster poster = new Poster(concurrency, 8);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(concurrency);
            for (int i = 0; i < events; i++) {
                int n = i;
                slots.acquire();
                threads.submit(() -> {
                    try {
                        String title = "limit" + receivers + "-" + n;
                        if (poster.post(receiver.url(n % receivers), "evt_" + title, template.body(title))) {
                            ok.incrementAndGet();
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Arrival> arrivals = receiver.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("succeeded", ok.get());
        out.put("concurrency", concurrency);
        out.put("seconds", Stats.round(seconds, 2));
        out.put("per_second", Stats.round(ok.get() / seconds, 1));
        out.put("sustained_per_second", Stats.round(Stats.sustainedRate(arrivals), 1));
        return out;
    }

    /**
     * The bench receiver's own ceiling: {@code connections} keep-alive connections over {@code ports}
     * receivers, each sending a pre-built request and reading the reply as fast as it can, for
     * {@code requests} requests in all. The cheapest client there is, so the figure is the receiver's.
     */
    static Map<String, Object> receiverCeiling(BenchReceiver receiver, int ports, int connections, int requests,
                                               String body) throws Exception {
        receiver.drain();
        AtomicLong left = new AtomicLong(requests);
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                java.net.URI url = java.net.URI.create(receiver.url(c % ports));
                threads.submit(() -> {
                    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] request = ("POST " + url.getPath() + " HTTP/1.1\r\nhost: 127.0.0.1\r\n"
                            + "content-type: application/json\r\nwebhook-id: evt_ceiling\r\ncontent-length: "
                            + bytes.length + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", url.getPort())) {
                        socket.setTcpNoDelay(true);
                        var in = new java.io.BufferedInputStream(socket.getInputStream());
                        var out = socket.getOutputStream();
                        while (left.getAndDecrement() > 0) {
                            out.write(request);
                            out.flush();
                            int matched = 0; // the reply has no body: read up to the blank line
                            while (matched < 4) {
                                int b = in.read();
                                if (b < 0) {
                                    return null;
                                }
                                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                            }
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        receiver.drain();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", ok.get());
        out.put("connections", connections);
        out.put("seconds", Stats.round(seconds, 2));
        out.put("per_second", Stats.round(ok.get() / seconds, 1));
        return out;
    }
}
