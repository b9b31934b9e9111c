package io.corral.cell.agent;

import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.Containers;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.work.WorkPlan;
import io.corral.cell.work.WorkStep;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellWork;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorException;
import io.corral.support.Threads;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rep of one cell: heartbeats it every third of its TTL, follows its work with a long
 * poll that also re-reads everything at least every reconcile interval, makes the
 * containers match it ({@link WorkPlan}) and reports what becomes of each instance and
 * task. Its state is its own, so one JVM can hold many agents.
 */
public final class CellAgent {

    private static final Logger log = LoggerFactory.getLogger(CellAgent.class);

    private static final Duration RETRY = Duration.ofSeconds(1);

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final int MAX_REASON = 1024;

    private static final int MAX_FAILURE_REASON = 4096;

    private final Cell cell;

    private final ReceptorClient receptor;

    private final Containers containers;

    private final String instanceAddress;

    private final Duration reconcileInterval;

    private final CellMetrics metrics;

    /** The newest view of each instance the cell runs: its modification tag. */
    private final Map<String, ActualLrp> instances = new ConcurrentHashMap<>();

    /** Instances that passed their health check, and their ports. */
    private final Map<String, List<PortMapping>> running = new ConcurrentHashMap<>();

    private final ScheduledExecutorService heartbeats;

    private volatile boolean following;

    private volatile boolean heartbeatFailing;

    private Thread follower;

    /**
     * The agent of {@code cell} (its heartbeat as sent), whose instances are reached at
     * {@code instanceAddress}; its meters go to {@code meters}, tagged with the cell. It
     * does nothing until {@link #start()}.
     */
    public CellAgent(Cell cell, String instanceAddress, ReceptorClient receptor, Containers containers,
            Duration reconcileInterval, MeterRegistry meters) {
        this.cell = cell;
        this.instanceAddress = instanceAddress;
        this.receptor = receptor;
        this.containers = containers;
        this.reconcileInterval = reconcileInterval;
        this.metrics = new CellMetrics(meters, cell.cellId(), containers);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.daemon("cell-heartbeat-" + cell.cellId()));
    }

    String cellId() {
        return cell.cellId();
    }

    /** Heartbeats at once and then every third of the TTL, and follows the work. */
    public synchronized void start() {
        long period = Math.max(1000, cell.ttlSeconds() * 1000L / 3);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, period, TimeUnit.MILLISECONDS);
        following = true;
        follower = new Thread(this::follow, "cell-work-" + cell.cellId());
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Stops following work and heartbeating, and stops every container. It tells the
     * receptor nothing: the cell stays present until its last heartbeat's TTL is over.
     */
    public synchronized void stop() {
        following = false;
        heartbeats.shutdownNow();
        if (follower != null) {
            follower.interrupt();
            try {
                // A reconciliation under way may still start a container: let it finish
                // first.
                follower.join(STOP_WAIT.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        containers.stopAll();
    }

    void heartbeat() {
        try {
            receptor.heartbeat(cell.cellId(), cell);
            if (heartbeatFailing) {
                log.info("cell {} heartbeats again", cell.cellId());
            }
            heartbeatFailing = false;
        }
        catch (RuntimeException e) {
            metrics.heartbeatFailed();
            if (!heartbeatFailing) {
                log.warn("cell {} cannot heartbeat: {}", cell.cellId(), e.toString());
            }
            heartbeatFailing = true;
        }
    }

    private void follow() {
        long eventId = -1;
        int waitSeconds = (int) Math.min(60, Math.max(1, reconcileInterval.toSeconds()));
        while (following) {
            try {
                CellWork work = eventId < 0 ? receptor.work(cell.cellId())
                        : receptor.awaitWork(cell.cellId(), eventId, waitSeconds);
                eventId = work.eventId();
                reconcile(work);
            }
            catch (RuntimeException e) {
                if (!following) {
                    return;
                }
                log.warn("cell {} cannot read its work: {}", cell.cellId(), e.toString());
                eventId = -1;
                pause(RETRY);
            }
        }
    }

    /** Makes what runs match {@code work}. */
    void reconcile(CellWork work) {
        Set<String> held = containers.held();
        Set<String> current = new HashSet<>(held);
        work.actualLrps().forEach(instance -> {
            remember(instance);
            current.add(instance.instanceGuid());
        });
        instances.keySet().retainAll(current);
        running.keySet().retainAll(held);
        for (WorkStep step : WorkPlan.plan(cell.cellId(), work, held, Map.copyOf(running))) {
            try {
                take(step);
            }
            catch (RuntimeException e) {
                metrics.reportFailed();
                log.warn("cell {} could not {} {}: {}", cell.cellId(), step.getClass().getSimpleName(), step.id(),
                        e.toString());
            }
        }
    }

    private void take(WorkStep step) {
        if (step instanceof WorkStep.StartInstance start) {
            startInstance(start.instance());
        }
        else if (step instanceof WorkStep.StartTask start) {
            startTask(start.task());
        }
        else if (step instanceof WorkStep.Stop stop) {
            stopContainer(stop.containerId());
        }
        else if (step instanceof WorkStep.ReportRunning report) {
            reportRunning(report.instance().instanceGuid(), report.ports());
        }
        else if (step instanceof WorkStep.ReportLost lost) {
            reportCrash(lost.instance().instanceGuid(), "the cell no longer runs this instance");
        }
        else if (step instanceof WorkStep.FailLostTask lost) {
            complete(lost.task().taskGuid(), TaskOutcome.failed("the cell no longer runs this task"));
        }
    }

    private void startInstance(ActualLrp instance) {
        ActualLrp claimed = instance;
        if (instance.state() == ActualLrpState.UNCLAIMED) {
            claimed = receptor.transition(cell.cellId(), instance.processGuid(), instance.index(), "claim",
                    bare(instance));
            remember(claimed);
        }
        DesiredLrp lrp = receptor.desiredLrp(instance.processGuid());
        containers.start(ContainerSpecs.instance(claimed, lrp), new InstanceReports(claimed.instanceGuid()));
    }

    private void startTask(Task task) {
        receptor.startTask(cell.cellId(), task.taskGuid());
        containers.start(ContainerSpecs.task(task), new TaskReports(task.taskGuid()));
    }

    private void stopContainer(String id) {
        containers.stop(id);
        instances.remove(id);
        running.remove(id);
    }

    private void reportRunning(String instanceGuid, List<PortMapping> ports) {
        running.put(instanceGuid, ports);
        if (report(instanceGuid, "start", instance -> new InstanceTransition(instance.instanceGuid(),
                instance.modificationTag(), instanceAddress, ports, null, null))) {
            metrics.instanceStarted();
        }
    }

    private void reportCrash(String instanceGuid, String reason) {
        running.remove(instanceGuid);
        String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        log.info("cell {}: instance {} crashed: {}", cell.cellId(), instanceGuid, bounded);
        if (report(instanceGuid, "crash", instance -> new InstanceTransition(instance.instanceGuid(),
                instance.modificationTag(), null, null, bounded, null))) {
            metrics.instanceCrashed();
        }
        instances.remove(instanceGuid);
    }

    /**
     * Sends a transition with the newest tag the cell saw; a stale tag is read again once
     * and the transition repeated. False when the cell knows no such instance (any more).
     */
    private boolean report(String instanceGuid, String action, Function<ActualLrp, InstanceTransition> transition) {
        ActualLrp instance = instances.get(instanceGuid);
        if (instance == null) {
            return false;
        }
        try {
            remember(receptor.transition(cell.cellId(), instance.processGuid(), instance.index(), action,
                    transition.apply(instance)));
        }
        catch (ReceptorException e) {
            if (e.status() != 409) {
                throw e;
            }
            ActualLrp now = receptor.actualLrp(instance.processGuid(), instance.index());
            if (!instanceGuid.equals(now.instanceGuid())) {
                throw e;
            }
            remember(receptor.transition(cell.cellId(), now.processGuid(), now.index(), action, transition.apply(now)));
        }
        return true;
    }

    private void complete(String taskGuid, TaskOutcome outcome) {
        String reason = outcome.failureReason();
        if (reason != null && reason.length() > MAX_FAILURE_REASON) {
            reason = reason.substring(0, MAX_FAILURE_REASON);
        }
        receptor.completeTask(cell.cellId(), taskGuid, new TaskCompletion(outcome.failed(), reason, outcome.result()));
        metrics.taskCompleted();
    }

    /**
     * Keeps the newest view of an instance on this cell; others (a crash's successor) are
     * not the cell's.
     */
    private void remember(ActualLrp instance) {
        if (!cell.cellId().equals(instance.cellId())) {
            return;
        }
        instances.merge(instance.instanceGuid(), instance,
                (old, now) -> now.modificationTag().index() >= old.modificationTag().index()
                        || !now.modificationTag().epoch().equals(old.modificationTag().epoch()) ? now : old);
    }

    private static InstanceTransition bare(ActualLrp instance) {
        return new InstanceTransition(instance.instanceGuid(), instance.modificationTag(), null, null, null, null);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports what becomes of one instance's container. */
    private final class InstanceReports implements ContainerListener {

        private final String instanceGuid;

        InstanceReports(String instanceGuid) {
            this.instanceGuid = instanceGuid;
        }

        @Override
        public void running(List<PortMapping> ports) {
            guarded(() -> reportRunning(instanceGuid, ports));
        }

        @Override
        public void crashed(String reason) {
            guarded(() -> reportCrash(instanceGuid, reason));
        }

        @Override
        public void completed(TaskOutcome outcome) {
            throw new IllegalStateException("an instance does not complete");
        }

    }

    /** Reports how one task ended. */
    private final class TaskReports implements ContainerListener {

        private final String taskGuid;

        TaskReports(String taskGuid) {
            this.taskGuid = taskGuid;
        }

        @Override
        public void running(List<PortMapping> ports) {
            throw new IllegalStateException("a task is not health-checked");
        }

        @Override
        public void crashed(String reason) {
            completed(TaskOutcome.failed(reason));
        }

        @Override
        public void completed(TaskOutcome outcome) {
            guarded(() -> complete(taskGuid, outcome));
        }

    }

    private void guarded(Runnable report) {
        try {
            report.run();
        }
        catch (RuntimeException e) {
            // The next reconciliation finds what the receptor missed and reports it
            // again.
            metrics.reportFailed();
            log.warn("cell {} could not report: {}", cell.cellId(), e.toString());
        }
    }

}
