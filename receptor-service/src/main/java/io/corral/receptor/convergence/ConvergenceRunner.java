package io.corral.receptor.convergence;

import io.corral.support.lease.LeaderLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs convergence on the one replica that holds the {@code convergence} lease. The lease
 * is renewed on its own heartbeat thread, so a long pass never lets it lapse; a replica
 * that becomes leader converges at once, then every {@code interval}. Each step runs in
 * transactions of its own (the LRP steps a batch per transaction) and a failing step does
 * not stop the others.
 */
@Component
public class ConvergenceRunner extends LeaderLoop {

    static final String LEASE = "convergence";

    private static final Logger log = LoggerFactory.getLogger(ConvergenceRunner.class);

    private final List<ConvergenceStep> steps;

    private final Timer duration;

    private final Counter succeeded;

    private final Counter failedRuns;

    private final Map<String, Counter> stepFailures = new HashMap<>();

    private final Map<String, Timer> stepDurations = new HashMap<>();

    public ConvergenceRunner(List<ConvergenceStep> steps, JdbcTemplate jdbc, ConvergenceProperties properties,
            MeterRegistry meters) {
        super(jdbc, LEASE, properties.leaseTtl(), properties.interval());
        this.steps = steps;
        this.duration = Timer.builder("corral.convergence.duration")
            .description("How long a convergence pass of the leader took")
            .register(meters);
        Gauge.builder("corral.convergence.leader", this, runner -> runner.isLeader() ? 1 : 0)
            .description("1 while this replica holds the convergence lease")
            .strongReference(true)
            .register(meters);
        // Every series exists from the start, so an alert on its increase sees the first
        // failure.
        this.succeeded = runs(meters, "success");
        this.failedRuns = runs(meters, "failure");
        for (ConvergenceStep step : steps) {
            stepFailures.put(step.name(),
                    Counter.builder("corral.convergence.step.failures")
                        .description("Convergence steps that failed, by step")
                        .tag("step", step.name())
                        .register(meters));
            stepDurations.put(step.name(),
                    Timer.builder("corral.convergence.step.duration")
                        .description("How long a convergence step took, failed or not, by step")
                        .tag("step", step.name())
                        .register(meters));
        }
    }

    private static Counter runs(MeterRegistry meters, String result) {
        return Counter.builder("corral.convergence.runs")
            .description("Convergence passes of the leader, by result")
            .tag("result", result)
            .register(meters);
    }

    /**
     * Renews or takes the lease, then converges if this replica is the leader; waits for
     * a pass under way.
     */
    public ConvergenceSummary runOnce() {
        return runIfLeader(this::converge).orElseGet(ConvergenceSummary::standby);
    }

    @Override
    protected void pass() {
        converge();
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
        (failed.isEmpty() ? succeeded : failedRuns).increment();
        return new ConvergenceSummary(true, changed, failed, took);
    }

    private void runStep(ConvergenceStep step, Map<String, Integer> changed, List<String> failed) {
        long started = System.nanoTime();
        try {
            int count = step.converge();
            changed.put(step.name(), count);
            if (count > 0) {
                log.info("convergence step {} changed {} record(s)", step.name(), count);
            }
        }
        catch (RuntimeException e) {
            log.error("convergence step {} failed; the next pass tries again", step.name(), e);
            failed.add(step.name());
            stepFailures.get(step.name()).increment();
        }
        finally {
            stepDurations.get(step.name()).record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

}
