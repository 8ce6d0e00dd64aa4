package io.hookline.relay;

import java.net.URI;
import java.time.Duration;

import io.hookline.relay.client.RelayClient;

/** A relay client running in this JVM on its own thread, as {@code relay} runs it; closing stops it cleanly. */
final class RunningRelay implements AutoCloseable {

    private final RelayClient client;
    private final Thread thread;

    private RunningRelay(RelayClient client) {
        this.client = client;
        this.thread = Thread.ofPlatform().name("test-relay-client").start(client::run);
    }

    static RunningRelay start(int hooklinePort, String token, String forwardTo) {
        return new RunningRelay(new RelayClient(URI.create("http://localhost:" + hooklinePort), token,
                URI.create(forwardTo), 8, Duration.ofSeconds(5)));
    }

    @Override
    public void close() throws InterruptedException {
        client.stop();
        thread.join(Duration.ofSeconds(30));
    }
}
