package io.corral.cell.agent;

import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.Containers;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.work.Evacuation;
import io.corral.cell.work.WorkPlan;
import io.corral.cell.work.WorkStep;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellEvacuation;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rep of one cell: heartbeats it every third of its TTL, follows its work with a long
 * poll that also re-reads everything at least every reconcile interval, makes the
 * containers match it ({@link WorkPlan}) and reports what becomes of each instance and
 * task. Its state is its own, so one JVM can hold many agents.
 *
 * <p>
 * On a graceful shutdown it evacuates the cell first ({@link #shutDown}): it takes no new
 * work, asks the receptor to move its instances, and goes on heartbeating, following its
 * work and running what it holds; each instance stops when the work no longer lists it
 * (its replacement runs elsewhere), or when the evacuation timeout passes.
 */
public final class CellAgent {

    private static final Logger log = LoggerFactory.getLogger(CellAgent.class);

    private static final Duration RETRY = Duration.ofSeconds(1);

    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** How often an evacuating cell looks whether it still holds anything. */
    private static final Duration EVACUATION_CHECK = Duration.ofMillis(100);

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

    /** From the start of a shutdown: the cell takes no new work. */
    private volatile boolean evacuating;

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
     * Shuts the cell down gracefully: evacuates it when it holds anything another cell
     * might take over (and the timeout is not 0), waiting until nothing runs here any
     * more or the timeout passes; what still runs then is reported as it stops. Then
     * {@link #stop()}.
     */
    synchronized void shutDown(Duration evacuationTimeout) {
        if (!evacuationTimeout.isZero() && !containers.held().isEmpty() && !evacuate(evacuationTimeout)) {
            stopFollowing();
            giveUp();
        }
        stop();
    }

    /**
     * Stops following work and heartbeating, and stops every container. It tells the
     * receptor nothing: the cell stays present until its last heartbeat's TTL is over.
     */
    public synchronized void stop() {
        stopFollowing();
        heartbeats.shutdownNow();
        containers.stopAll();
    }

    private void stopFollowing() {
        following = false;
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
    }

    /**
     * Evacuates the cell; false when the timeout passed with containers still held. From
     * now on the cell takes no new work and heartbeats as evacuating.
     */
    private boolean evacuate(Duration evacuationTimeout) {
        long deadline = System.nanoTime() + evacuationTimeout.toNanos();
        evacuating = true;
        Request request = requestEvacuation(deadline, evacuationTimeout);
        if (request == Request.NOWHERE_TO_GO) {
            log.info("cell {}: no other cell takes work, so it stops without evacuating", cell.cellId());
            return true;
        }
        if (request == Request.TAKEN) {
            while (!containers.held().isEmpty()) {
                if (System.nanoTime() - deadline >= 0 || !pause(EVACUATION_CHECK)) {
                    break;
                }
            }
        }
        if (!containers.held().isEmpty()) {
            log.warn("cell {}: the evacuation timeout ({}) passed with {} containers still running", cell.cellId(),
                    evacuationTimeout, containers.held().size());
            return false;
        }
        log.info("cell {} is evacuated", cell.cellId());
        return true;
    }

    /**
     * Asks the receptor to evacuate the cell, again every second until it did or the
     * deadline passes. Where no other cell takes work nothing can move, and waiting would
     * only delay the stop. The request goes out on the heartbeat's thread, so no
     * heartbeat sent before the cell evacuated can arrive after and undo the mark.
     */
    private Request requestEvacuation(long deadline, Duration evacuationTimeout) {
        boolean failing = false;
        while (true) {
            try {
                if (!Evacuation.hasSomewhereToGo(cell.cellId(), receptor.cells())) {
                    return Request.NOWHERE_TO_GO;
                }
                long wait = Math.max(RETRY.toNanos(), deadline - System.nanoTime());
                CellEvacuation evacuation = heartbeats.submit(() -> receptor.evacuateCell(cell.cellId()))
                    .get(wait, TimeUnit.NANOSECONDS);
                log.info(
                        "cell {} evacuates: {} instances move to other cells (it waits up to {} for them); {} "
                                + "instances and {} tasks it had not started go back to be placed",
                        cell.cellId(), evacuation.evacuating().size(), evacuationTimeout, evacuation.released().size(),
                        evacuation.releasedTasks().size());
                return Request.TAKEN;
            }
            catch (RuntimeException | ExecutionException | TimeoutException e) {
                if (!failing) {
                    log.warn("cell {} cannot evacuate yet, trying again: {}", cell.cellId(),
                            (e instanceof ExecutionException ? e.getCause() : e).toString());
                }
                failing = true;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Request.NOT_TAKEN;
            }
            if (System.nanoTime() - deadline >= 0 || !pause(RETRY)) {
                return Request.NOT_TAKEN;
            }
        }
    }

    /**
     * The evacuation's time is up: what still runs stops, each instance reported removed
     * and each task failed, while the receptor answers.
     */
    private void giveUp() {
        Set<String> held = containers.held();
        List<WorkStep> steps;
        try {
            CellWork work = receptor.work(cell.cellId());
            work.actualLrps().forEach(this::remember);
            steps = Evacuation.giveUp(cell.cellId(), work, held);
        }
        catch (RuntimeException e) {
            log.warn("cell {} cannot read its work to report what it stops: {}", cell.cellId(), e.toString());
            return;
        }
        for (WorkStep step : steps) {
            try {
                take(step);
            }
            catch (RuntimeException e) {
                metrics.reportFailed();
                log.warn("cell {} stops the rest without reporting it: {}", cell.cellId(), e.toString());
                return;
            }
        }
    }

    void heartbeat() {
        try {
            receptor.heartbeat(cell.cellId(), announcement());
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
        for (WorkStep step : WorkPlan.plan(cell.cellId(), work, held, Map.copyOf(running), evacuating)) {
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
        else if (step instanceof WorkStep.Evacuate) {
            CellEvacuation again = receptor.evacuateCell(cell.cellId());
            log.info("cell {} evacuates again: {} instances and {} tasks that came meanwhile go back to be placed",
                    cell.cellId(), again.released().size(), again.releasedTasks().size());
        }
        else if (step instanceof WorkStep.GiveUpInstance given) {
            // Reported first, so its routes go before it stops answering.
            report(given.id(), "remove", CellAgent::bare);
            stopContainer(given.id());
        }
        else if (step instanceof WorkStep.GiveUpTask given) {
            containers.stop(given.task().taskGuid());
            complete(given.task().taskGuid(), TaskOutcome.failed("the cell shut down before the task completed"));
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

    /** False when interrupted. */
    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The heartbeat: the cell as configured, and whether it evacuates. */
    private Cell announcement() {
        return new Cell(cell.cellId(), cell.zone(), cell.repAddress(), cell.capacity(), cell.placementTags(),
                cell.optionalPlacementTags(), cell.rootfsProviders(), cell.ttlSeconds(), null, evacuating);
    }

    /** How asking the receptor for the cell's evacuation went. */
    private enum Request {

        TAKEN, NOWHERE_TO_GO, NOT_TAKEN

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
