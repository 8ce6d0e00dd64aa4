package io.hookline.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hookline killed with SIGKILL leaves its postmaster running (it is daemonized), holding the
 * data directory. If no live Hookline holds the directory's lock, that postmaster is an orphan:
 * stop it cleanly so this start can take over the same data.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    /** The embedded server's own lock file, held by the JVM that runs it. */
    private static final String LOCK_FILE = "epg-lock";

    private OrphanedPostmaster() {
    }

    /** Stops the directory's orphaned postmaster, if it has one; a directory a live Hookline holds is refused. */
    static void stopIfAny(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner(dataDirectory);
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            // PostgreSQL copes with a stale pid file by itself, unless the pid now belongs to some
            // other process; removing it is safe because no postmaster of ours is alive.
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by a previous Hookline on {}", orphan.pid(), dataDirectory);
        orphan.destroy(); // SIGTERM: a smart shutdown, which is immediate since its clients are gone
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL pid {} did not stop within 30 s; killing it", orphan.pid());
            orphan.destroyForcibly();
            orphan.onExit().join();
        }
    }

    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("The data directory " + dataDirectory
                        + " is in use by another running Hookline; stop it or choose another hookline.data-dir");
            }
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            return Optional.of(Long.parseLong(firstLine));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
