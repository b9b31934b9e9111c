package io.corral.support.lease;

import io.corral.support.Threads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Work that runs on the one replica holding a {@link LeaderLease}: a {@link #pass()}
 * every {@code interval}, at once when this replica becomes leader, and when
 * {@link #trigger(Duration) triggered}. The lease is renewed on a thread of its own, so a
 * long pass never lets it lapse; passes never overlap. Started and stopped with the
 * application context. Its meters, tagged {@code lease}: {@code corral.lease.held} (1
 * while this replica holds the lease) and {@code corral.lease.acquisitions} (times this
 * replica took it: summed over the replicas, the leader changes).
 */
public abstract class LeaderLoop implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LeaderLoop.class);

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final String name;

    private final LeaderLease lease;

    private final Duration ttl;

    private final Duration interval;

    private final ReentrantLock passLock = new ReentrantLock();

    private final AtomicBoolean triggered = new AtomicBoolean();

    private final AtomicLong acquisitions = new AtomicLong();

    private volatile boolean leader;

    private volatile long leaseValidUntilNanos;

    private volatile ScheduledExecutorService heartbeats;

    private volatile ScheduledExecutorService passes;

    /**
     * @param name the lease's name, also naming the threads and log lines
     * @param ttl how long a taken lease lasts; it is renewed every third of it
     * @param interval how often the leader runs a pass
     */
    protected LeaderLoop(JdbcTemplate jdbc, String name, Duration ttl, Duration interval) {
        this.name = name;
        this.lease = new LeaderLease(jdbc, name, newHolderId());
        this.ttl = ttl;
        this.interval = interval;
    }

    /** One pass of the work; runs on the lease holder only, never two at once. */
    protected abstract void pass();

    /**
     * This replica asked for the lease and another replica held it: that one led a moment
     * ago. Nothing by default.
     */
    protected void heldElsewhere() {
    }

    /**
     * Whether this replica holds the lease now, by its own clock: false once the lease
     * may have lapsed.
     */
    public boolean isLeader() {
        return leader && System.nanoTime() - leaseValidUntilNanos < 0;
    }

    /**
     * How many times this replica has taken the lease (after holding none, or after it
     * lapsed): a pass that sees it change is the first of a new term, which may follow
     * another replica's, or a time in which this one led nothing.
     */
    protected long acquisitions() {
        return acquisitions.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("corral.lease.held", this, loop -> loop.isLeader() ? 1 : 0)
            .description("1 while this replica holds the lease")
            .tag("lease", name)
            .register(registry);
        FunctionCounter.builder("corral.lease.acquisitions", acquisitions, AtomicLong::get)
            .description("Times this replica took the lease; summed over the replicas, the leader changes")
            .tag("lease", name)
            .register(registry);
    }

    /** This replica's name in the {@code leases} table: host name and a random suffix. */
    public String holderId() {
        return lease.holder();
    }

    /**
     * Renews or takes the lease, then runs {@code work} if this replica leads; waits for
     * a pass under way.
     */
    public <T> Optional<T> runIfLeader(Supplier<T> work) {
        passLock.lock();
        try {
            return renewLease() ? Optional.ofNullable(work.get()) : Optional.empty();
        }
        finally {
            passLock.unlock();
        }
    }

    /**
     * Asks for a pass {@code after} from now; triggers while one is pending coalesce into
     * it, so a burst of triggers costs one pass.
     */
    public void trigger(Duration after) {
        ScheduledExecutorService executor = passes;
        if (executor != null && triggered.compareAndSet(false, true)) {
            try {
                executor.schedule(this::scheduledPass, after.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException shuttingDown) {
                triggered.set(false);
            }
        }
    }

    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.daemon(name + "-lease"));
        passes = Executors.newSingleThreadScheduledExecutor(Threads.daemon(name + "-pass"));
        long heartbeat = Math.max(1, ttl.toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
        passes.scheduleWithFixedDelay(this::scheduledPass, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a running pass finish, then gives the lease up so a standby takes over at its
     * next heartbeat.
     */
    @Override
    public void stop() {
        if (!isRunning()) {
            return;
        }
        heartbeats.shutdown();
        passes.shutdown();
        awaitTermination(heartbeats);
        awaitTermination(passes);
        heartbeats = null;
        passes = null;
        if (leader) {
            leader = false;
            try {
                lease.release();
                log.info("released the {} lease of {}", name, lease.holder());
            }
            catch (RuntimeException e) {
                log.warn("could not release the {} lease; it lapses on its own: {}", name, e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return passes != null;
    }

    /**
     * Stops after the web server, so requests in flight at shutdown finish before the
     * lease is given up, and before the database goes.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    /**
     * Takes or renews the lease; a replica that cannot reach the database is no leader.
     */
    private boolean renewLease() {
        long asked = System.nanoTime();
        boolean was = isLeader();
        boolean held;
        try {
            held = lease.tryAcquire(ttl);
            if (!held) {
                heldElsewhere();
            }
        }
        catch (RuntimeException e) {
            log.warn("could not renew the {} lease: {}", name, e.getMessage());
            held = false;
        }
        leaseValidUntilNanos = asked + ttl.toNanos();
        leader = held;
        if (held && !was) {
            acquisitions.incrementAndGet();
        }
        if (held != was) {
            log.info("{} the {} lease as {}", held ? "holding" : "lost", name, lease.holder());
        }
        return held;
    }

    /** Renews the lease; a replica that has just become leader runs a pass at once. */
    private void heartbeat() {
        boolean was = isLeader();
        if (renewLease() && !was) {
            trigger(Duration.ZERO);
        }
    }

    /**
     * A pass on schedule or trigger. One that {@link #runIfLeader} is running is waited
     * for, not taken for this one: it may have read its state before what triggered this
     * pass.
     */
    private void scheduledPass() {
        triggered.set(false);
        try {
            passLock.lockInterruptibly();
        }
        catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (renewLease()) {
                pass();
            }
        }
        catch (RuntimeException e) {
            log.error("{} pass failed; the next one tries again", name, e);
        }
        finally {
            passLock.unlock();
        }
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            host = "corral";
        }
        return host + "-" + UUID.randomUUID();
    }

}
