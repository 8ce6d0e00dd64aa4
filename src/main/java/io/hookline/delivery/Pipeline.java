package io.hookline.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.hookline.capture.ChangeFanOut;
import io.hookline.capture.ChangeNotifications;
import io.hookline.capture.PipelineWakeups;
import io.hookline.capture.PollingWorker;
import io.hookline.config.HooklineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the workers of a process with the {@code worker} role: the NOTIFY listener, the fan-out and
 * the delivery worker. They start once the application is up and stop, in-flight sends finished,
 * before the database connections close.
 */
@Component
class Pipeline implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final HooklineProperties hookline;
    private final DeliveryProperties delivery;
    private final DataSource dataSource;
    private final PipelineWakeups wakeups;
    private final ChangeFanOut fanOut;
    private final DeliveryWorkerParts parts;
    private final List<AutoCloseable> running = new ArrayList<>();

    Pipeline(HooklineProperties hookline, DeliveryProperties delivery, DataSource dataSource, PipelineWakeups wakeups,
             ChangeFanOut fanOut, DeliveryWorkerParts parts) {
        this.hookline = hookline;
        this.delivery = delivery;
        this.dataSource = dataSource;
        this.wakeups = wakeups;
        this.fanOut = fanOut;
        this.parts = parts;
    }

    @Override
    public synchronized void start() {
        if (!hookline.runsWorker() || !running.isEmpty()) {
            return;
        }
        RecordingQueue recording = new RecordingQueue(parts.recorder(), parts.metrics(), parts.clock(),
                wakeups.delivery()::ring);
        DeliveryWorker worker = new DeliveryWorker(parts.store(), parts.sender(), recording, delivery, parts.clock(),
                wakeups.delivery());
        ChangeNotifications notifications = new ChangeNotifications(dataSource, Map.of(
                ChangeNotifications.CHANGES, wakeups.fanOut(), ChangeNotifications.EVENTS, wakeups.delivery()));
        PollingWorker fanOutWorker = new PollingWorker("hookline-fan-out", wakeups.fanOut(), delivery.pollInterval(),
                () -> fanOut.fanOutBatch(worker));
        PollingWorker deliveryWorker = new PollingWorker("hookline-delivery", wakeups.delivery(),
                delivery.pollInterval(), worker::dispatchBatch);
        notifications.start();
        fanOutWorker.start();
        deliveryWorker.start();
        // Closed in reverse: stop claiming first, then let in-flight sends finish and be recorded.
        running.addAll(List.of(worker, deliveryWorker, fanOutWorker, notifications));
        log.info("Fan-out and delivery workers started");
    }

    @Override
    public synchronized void stop() {
        for (AutoCloseable closeable : running.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", closeable, e);
            }
        }
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }
}
