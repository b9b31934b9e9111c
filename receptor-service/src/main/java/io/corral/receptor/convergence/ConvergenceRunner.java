package io.corral.receptor.convergence;

import io.corral.support.lease.LeaderLease;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs convergence on the one replica that holds the {@code convergence} lease. The lease is
 * renewed on its own heartbeat thread, so a long pass never lets it lapse; a replica that becomes
 * leader converges at once, then every {@code interval}. Each step runs in transactions of its own
 * (the LRP steps a batch per transaction, see {@link ConvergenceBatches}) and a failing step does
 * not stop the others.
 */
@Component
public class ConvergenceRunner implements SmartLifecycle {

    static final String LEASE = "convergence";
    private static final Logger log = LoggerFactory.getLogger(ConvergenceRunner.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final List<ConvergenceStep> steps;
    private final ConvergenceProperties properties;
    private final LeaderLease lease;
    private final MeterRegistry meters;
    private final Timer duration;
    private final ReentrantLock passLock = new ReentrantLock();

    private volatile boolean leader;
    private volatile long leaseValidUntilNanos;
    private volatile ScheduledExecutorService heartbeats;
    private volatile ScheduledExecutorService passes;

    public ConvergenceRunner(List<ConvergenceStep> steps, JdbcTemplate jdbc, ConvergenceProperties properties,
            MeterRegistry meters) {
        this.steps = steps;
        this.properties = properties;
        this.lease = new LeaderLease(jdbc, LEASE, newHolderId());
        this.meters = meters;
        this.duration = Timer.builder("corral.convergence.duration")
                .description("How long a convergence pass of the leader took").register(meters);
        Gauge.builder("corral.convergence.leader", this, runner -> runner.isLeader() ? 1 : 0)
                .description("1 while this replica holds the convergence lease").strongReference(true).register(meters);
    }

    /** Whether this replica holds the lease now, by its own clock: false once the lease may have lapsed. */
    public boolean isLeader() {
        return leader && System.nanoTime() - leaseValidUntilNanos < 0;
    }

    /** This replica's name in the {@code leases} table: host name and a random suffix. */
    public String holderId() {
        return lease.holder();
    }

    /** Renews or takes the lease, then converges if this replica is the leader; waits for a pass under way. */
    public ConvergenceSummary runOnce() {
        passLock.lock();
        try {
            return renewLease() ? converge() : ConvergenceSummary.standby();
        } finally {
            passLock.unlock();
        }
    }

    private ConvergenceSummary converge() {
        long started = System.nanoTime();
        Map<String, Integer> changed = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (ConvergenceStep step : steps) {
            if (!isLeader()) {
                log.warn("convergence lease lost; step {} and those after it wait for the next leader", step.name());
                failed.add(step.name());
                break;
            }
            runStep(step, changed, failed);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        duration.record(took);
        meters.counter("corral.convergence.runs", "result", failed.isEmpty() ? "success" : "failure").increment();
        return new ConvergenceSummary(true, changed, failed, took);
    }

    private void runStep(ConvergenceStep step, Map<String, Integer> changed, List<String> failed) {
        try {
            int count = step.converge();
            changed.put(step.name(), count);
            if (count > 0) {
                log.info("convergence step {} changed {} record(s)", step.name(), count);
            }
        } catch (RuntimeException e) {
            log.error("convergence step {} failed; the next pass tries again", step.name(), e);
            failed.add(step.name());
            meters.counter("corral.convergence.step.failures", "step", step.name()).increment();
        }
    }

    /** Takes or renews the lease; a replica that cannot reach the database is no leader. */
    private boolean renewLease() {
        long asked = System.nanoTime();
        boolean was = isLeader();
        boolean held;
        try {
            held = lease.tryAcquire(properties.leaseTtl());
        } catch (RuntimeException e) {
            log.warn("could not renew the convergence lease: {}", e.getMessage());
            held = false;
        }
        leaseValidUntilNanos = asked + properties.leaseTtl().toNanos();
        leader = held;
        if (held != was) {
            log.info("{} the convergence lease as {}", held ? "holding" : "lost", lease.holder());
        }
        return held;
    }

    /** Renews the lease; a replica that has just become leader converges at once. */
    private void heartbeat() {
        boolean was = isLeader();
        if (renewLease() && !was) {
            try {
                passes.execute(this::scheduledPass);
            } catch (RejectedExecutionException shuttingDown) {
                log.debug("not converging: shutting down");
            }
        }
    }

    /** A pass on schedule; skipped when one is still under way. */
    private void scheduledPass() {
        if (!passLock.tryLock()) {
            return;
        }
        try {
            if (renewLease()) {
                converge();
            }
        } catch (RuntimeException e) {
            log.error("convergence pass failed", e);
        } finally {
            passLock.unlock();
        }
    }

    /** The lease heartbeat has a thread of its own, so a long pass never delays a renewal. */
    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("convergence-lease"));
        passes = Executors.newSingleThreadScheduledExecutor(daemon("convergence-pass"));
        long heartbeat = properties.leaseHeartbeat().toMillis();
        long interval = properties.interval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
        passes.scheduleWithFixedDelay(this::scheduledPass, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Lets a running pass finish, then gives the lease up so a standby takes over at its next heartbeat. */
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
                log.info("released the convergence lease of {}", lease.holder());
            } catch (RuntimeException e) {
                log.warn("could not release the convergence lease; it lapses on its own: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return passes != null;
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "receptor";
        }
        return host + "-" + UUID.randomUUID();
    }
}
