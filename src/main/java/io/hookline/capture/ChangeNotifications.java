package io.hookline.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for PostgreSQL's NOTIFY on the pipeline's channels and rings the matching worker.
 * Notifications are only a shortcut: every worker also polls, so a lost connection or a missed
 * notification delays work by at most one poll interval and never loses it.
 */
public final class ChangeNotifications implements AutoCloseable {

    /** Rung by the capture triggers when a transaction with changes commits. */
    public static final String CHANGES = "hookline_changes";
    /** Rung by the fan-out when it has created events. */
    public static final String EVENTS = "hookline_events";

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);

    private final DataSource dataSource;
    private final Map<String, Wakeup> wakeups;
    private final Thread thread;
    private volatile boolean running = true;

    public ChangeNotifications(DataSource dataSource, Map<String, Wakeup> wakeups) {
        this.dataSource = dataSource;
        this.wakeups = Map.copyOf(wakeups);
        this.thread = Thread.ofPlatform().daemon().name("hookline-notifications").unstarted(this::listen);
    }

    public void start() {
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                for (String channel : wakeups.keySet()) {
                    statement.execute("listen " + channel);
                }
                // Work may have arrived while nobody listened.
                wakeups.values().forEach(Wakeup::ring);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) Duration.ofSeconds(5).toMillis());
                    if (notifications == null) {
                        // Also proves the connection is alive: a dead one throws here.
                        statement.execute("select 1");
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        Wakeup wakeup = wakeups.get(notification.getName());
                        if (wakeup != null) {
                            wakeup.ring();
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the notification connection ({}); polling covers until it is back", e.getMessage());
                    sleepQuietly(Duration.ofSeconds(1));
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
