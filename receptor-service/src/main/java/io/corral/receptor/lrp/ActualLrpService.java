package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.cell.CellService;
import io.corral.receptor.common.DecisionSlice;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.common.ModificationTags;
import io.corral.receptor.common.RequestRules;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reading instances, and every change to one: placement decisions and the cell's reports.
 */
@Service
public class ActualLrpService {

    private final ActualLrpRepository repository;

    private final ActualLrpStore store;

    private final InstanceBatchRows rows;

    private final CellService cells;

    private final RowTransactions transactions;

    private final Counter crashes;

    private final TransactionGroups.Batch<LrpAssignment, ActualLrp> singleDecisions = decisions -> takeAll(
            new Assignments(decisions), decisions);

    private final TransactionGroups.Batch<CellReport, ActualLrp> cellReports = reports -> takeAll(new Reports(reports),
            reports);

    public ActualLrpService(ActualLrpRepository repository, ActualLrpStore store, InstanceBatchRows rows,
            CellService cells, RowTransactions transactions, MeterRegistry meters) {
        this.repository = repository;
        this.store = store;
        this.rows = rows;
        this.cells = cells;
        this.transactions = transactions;
        this.crashes = Counter.builder("corral.actual.lrps.crashes")
            .description("Instance crashes the cells reported")
            .register(meters);
    }

    @Transactional(readOnly = true)
    public List<ActualLrp> byProcess(String processGuid) {
        return repository.findByProcess(processGuid).stream().map(ActualLrpMapper::toApi).toList();
    }

    @Transactional(readOnly = true)
    public ActualLrp byIndex(String processGuid, int index) {
        return current(instancesAt(processGuid, index)).toApi();
    }

    @Transactional(readOnly = true)
    public List<ActualLrp> onCell(String cellId) {
        return repository.findByCell(cellId).stream().map(ActualLrpMapper::toApi).toList();
    }

    /** Stops an instance; convergence starts it again. */
    @Transactional
    public void stop(String processGuid, int index) {
        store.remove(current(instancesAt(processGuid, index)));
    }

    /**
     * One placement decision, in a transaction on the JDBC connection that concurrent
     * decisions share, read and written together as a batch's are ({@link #assignments}).
     */
    public ActualLrp assign(String processGuid, int index, Assignment assignment) {
        RequestRules.requireCellOrPlacementError("", assignment.cellId(), assignment.placementError());
        return transactions.shared(singleDecisions, new LrpAssignment(processGuid, index, assignment.instanceGuid(),
                assignment.cellId(), assignment.placementError()));
    }

    /**
     * Concurrent writes of one kind, taken as one batch: any refused has each written
     * alone, to be refused on its own.
     */
    private static <D> List<ActualLrp> takeAll(DecisionSlice<D, ActualLrp> slice, List<D> decisions) {
        List<ActualLrp> taken = decisions.stream().map(slice::take).toList();
        slice.write();
        return taken;
    }

    /**
     * For a batch of placement decisions, in the caller's transaction: reads the current
     * instances and the cells that {@code assignments} name, one query each, and answers
     * what takes each of those decisions as {@link #assign(String, int, Assignment)}
     * does, refusing it as that would, and writes those taken in one statement.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public DecisionSlice<LrpAssignment, ActualLrp> assignments(List<LrpAssignment> assignments) {
        return new Assignments(assignments);
    }

    /**
     * A cell's reports: each names, in {@code report}, either of the index's instances,
     * the current one or the one it replaces (evacuating or suspect), with the
     * modification tag the cell last saw. Taken in a transaction on the JDBC connection
     * that concurrent reports and decisions share ({@link RowTransactions#shared}), as
     * the hottest writes of a running platform: the reports of a group are read and
     * written together ({@link Reports}).
     */
    public ActualLrp claim(String cellId, String processGuid, int index, InstanceTransition report) {
        return report(ReportKind.CLAIM, cellId, processGuid, index, report);
    }

    /** The start of an index's current instance also removes the instance it replaces. */
    public ActualLrp start(String cellId, String processGuid, int index, InstanceTransition report) {
        if (report.address() == null || report.address().isBlank()) {
            throw ApiException.invalidRequest("address: must not be blank when starting an instance");
        }
        return report(ReportKind.START, cellId, processGuid, index, report);
    }

    public ActualLrp crash(String cellId, String processGuid, int index, InstanceTransition report) {
        return report(ReportKind.CRASH, cellId, processGuid, index, report);
    }

    public ActualLrp fail(String cellId, String processGuid, int index, InstanceTransition report) {
        return report(ReportKind.FAIL, cellId, processGuid, index, report);
    }

    public ActualLrp remove(String cellId, String processGuid, int index, InstanceTransition report) {
        return report(ReportKind.REMOVE, cellId, processGuid, index, report);
    }

    private ActualLrp report(ReportKind kind, String cellId, String processGuid, int index, InstanceTransition report) {
        return transactions.shared(cellReports,
                new CellReport(kind, cellId, new InstanceIndex(processGuid, index), report));
    }

    /** The instance a report names, refused when the cell saw an older version of it. */
    private static Instance reported(List<Instance> instances, InstanceTransition report) {
        Instance instance = named(instances, report.instanceGuid());
        ModificationTags.requireCurrent(report.modificationTag(), instance.tag(), "the instance");
        return instance;
    }

    /**
     * The placement service moves the index's RUNNING instance {@code instanceGuid} away:
     * it runs on, evacuating, beside a new UNCLAIMED instance of the index, which this
     * answers. Asked again for the instance already evacuating, it answers the index's
     * current instance; the index's rows are locked first, so a racing request for the
     * same instance waits and then finds it evacuating. A suspect instance is never
     * evacuated: it is being replaced already.
     */
    @Transactional
    public ActualLrp evacuate(String processGuid, int index, String instanceGuid) {
        List<Instance> instances = lockedAt(processGuid, index);
        Optional<Instance> evacuating = instances.stream()
            .filter(instance -> instance.status().evacuating())
            .findFirst();
        if (evacuating.isPresent()) {
            String evacuee = evacuating.get().status().instanceGuid();
            if (!instanceGuid.equals(evacuee)) {
                throw ApiException.conflict(
                        "index " + index + " of '" + processGuid + "' is evacuating instance " + evacuee + " already");
            }
            // Read again: the locked read waited for the racing request, but the
            // replacement it inserted is newer than that read's snapshot.
            return current(instancesAt(processGuid, index)).toApi();
        }
        Instance named = named(instances, instanceGuid);
        store.change(named, store.lifecycle().evacuate(named.status()));
        return store.create(processGuid, index, named.domain(), EpochNanos.now());
    }

    /**
     * The cell {@code cellId} shuts down, in the caller's transaction: each of its
     * RUNNING ordinary instances evacuates as {@link #evacuate} makes it (a suspect one
     * is being replaced already). Answers every instance of the cell evacuating now,
     * those a rollout evacuated before included.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ActualLrp> evacuateRunningOn(String cellId) {
        for (Instance instance : rows.findOnCell(cellId)) {
            InstanceStatus status = instance.status();
            if (status.state() == ActualLrpState.RUNNING && status.ordinary()) {
                evacuate(instance.processGuid(), instance.index(), status.instanceGuid());
            }
        }
        return rows.findOnCell(cellId)
            .stream()
            .filter(instance -> instance.status().evacuating())
            .map(Instance::toApi)
            .toList();
    }

    /**
     * The cell {@code cellId} shuts down, in the caller's transaction: the instances
     * placed on it or claimed by it that do not run yet go back to be placed elsewhere,
     * as when the cell reports it could not start them. Answers them as they are now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ActualLrp> releaseUnstartedOn(String cellId) {
        InstanceLifecycle lifecycle = store.lifecycle();
        long now = EpochNanos.now();
        String reason = "cell " + cellId + " is evacuating";
        return rows.findOnCell(cellId)
            .stream()
            .filter(instance -> instance.status().state() == ActualLrpState.UNCLAIMED
                    || instance.status().state() == ActualLrpState.CLAIMED)
            .map(instance -> store.change(instance, lifecycle.fail(instance.status(), cellId, reason, now)))
            .toList();
    }

    /**
     * Marks the instance {@code instanceGuid} at the index tainted (an SSH session opened
     * a shell or wrote a file in it); an earlier incarnation is refused.
     */
    @Transactional
    public ActualLrp taint(String processGuid, int index, String instanceGuid) {
        return store.taint(named(lockedAt(processGuid, index), instanceGuid));
    }

    /**
     * The instance of the index that {@code instanceGuid} names; any other is an earlier
     * incarnation.
     */
    private static Instance named(List<Instance> instances, String instanceGuid) {
        return instances.stream()
            .filter(instance -> instanceGuid.equals(instance.status().instanceGuid()))
            .findFirst()
            .orElseThrow(() -> staleInstance(instances.get(0).processGuid(), instances.get(0).index(), instanceGuid));
    }

    private static ApiException staleInstance(String processGuid, int index, String instanceGuid) {
        return ApiException
            .conflict("instance_guid " + instanceGuid + " is no longer index " + index + " of '" + processGuid + "'");
    }

    /**
     * The current instance among an index's, as reads and placement see it: never one
     * being replaced (evacuating or suspect).
     */
    private static Instance current(List<Instance> instances) {
        return instances.stream()
            .filter(instance -> instance.status().ordinary())
            .findFirst()
            .orElseThrow(() -> indexNotFound(instances.get(0).processGuid(), instances.get(0).index()));
    }

    /** Both instances of an index while one is being replaced, else its one. */
    private List<Instance> instancesAt(String processGuid, int index) {
        return existing(rows.findAtIndex(processGuid, index), processGuid, index);
    }

    /** The same, locked until the transaction ends. */
    private List<Instance> lockedAt(String processGuid, int index) {
        return existing(rows.lockAtIndices(List.of(new InstanceIndex(processGuid, index))), processGuid, index);
    }

    private static List<Instance> existing(List<Instance> instances, String processGuid, int index) {
        if (instances.isEmpty()) {
            throw indexNotFound(processGuid, index);
        }
        return instances;
    }

    private static ApiException indexNotFound(String processGuid, int index) {
        return new ApiException(ErrorCode.ACTUAL_LRP_INDEX_NOT_FOUND,
                "no instance at index " + index + " of '" + processGuid + "'");
    }

    /**
     * Placement decisions about the current instances of some indices, each decided in
     * memory as it is taken and all written by {@link ActualLrpStore.Writes}.
     */
    private final class Assignments implements DecisionSlice<LrpAssignment, ActualLrp> {

        private final Map<InstanceIndex, Instance> current = new HashMap<>();

        private final Set<String> presentCells = new HashSet<>();

        private final ActualLrpStore.Writes writes = store.writes();

        Assignments(List<LrpAssignment> assignments) {
            if (assignments.size() == 1 && assignments.get(0).cellId() != null) {
                readOne(assignments.get(0));
            }
            else {
                readAll(assignments);
            }
        }

        /**
         * A single decision's instance and its cell's presence in one round trip: on a
         * machine where a wake-up is dear, each round trip to the database costs the
         * request two of them.
         */
        private void readOne(LrpAssignment only) {
            rows.findCurrentBesideCell(new InstanceIndex(only.processGuid(), only.index()), only.cellId(),
                    Instant.now())
                .ifPresent(found -> {
                    remember(found.instance());
                    if (found.cellPresent()) {
                        presentCells.add(only.cellId());
                    }
                });
        }

        private void readAll(List<LrpAssignment> assignments) {
            rows.findCurrent(assignments.stream().map(a -> new InstanceIndex(a.processGuid(), a.index())).toList())
                .forEach(this::remember);
            presentCells.addAll(cells.presentAmong(assignments.stream()
                .map(LrpAssignment::cellId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet())));
        }

        private void remember(Instance instance) {
            current.put(new InstanceIndex(instance.processGuid(), instance.index()), instance);
        }

        @Override
        public ActualLrp take(LrpAssignment a) {
            InstanceIndex at = new InstanceIndex(a.processGuid(), a.index());
            Instance instance = current.get(at);
            if (instance == null) {
                throw indexNotFound(a.processGuid(), a.index());
            }
            if (a.instanceGuid() != null && !a.instanceGuid().equals(instance.status().instanceGuid())) {
                throw staleInstance(a.processGuid(), a.index(), a.instanceGuid());
            }
            if (a.cellId() != null && !presentCells.contains(a.cellId())) {
                throw ApiException.conflict("cell_id: cell '" + a.cellId() + "' is not present");
            }
            InstanceLifecycle lifecycle = store.lifecycle();
            long now = EpochNanos.now();
            InstanceStatus next = a.cellId() != null ? lifecycle.assign(instance.status(), a.cellId(), now)
                    : lifecycle.placementFailed(instance.status(), a.placementError(), now);
            Instance after = writes.change(instance, next);
            current.put(at, after);
            return after.toApi();
        }

        @Override
        public void write() {
            writes.write();
        }

    }

    private enum ReportKind {

        CLAIM, START, CRASH, FAIL, REMOVE

    }

    /** A cell's report on the instance at an index. */
    private record CellReport(ReportKind kind, String cellId, InstanceIndex at, InstanceTransition transition) {
    }

    /**
     * A group's cell reports: the rows of all their indices read and locked in one
     * statement, each report taken on its index's rows as {@link InstanceLifecycle} has
     * it, and all written by {@link ActualLrpStore.Writes}. The rows are locked so that
     * the start of an index's replacement and the return of its suspect's cell (which
     * removes the replacement instead) follow each other.
     */
    private final class Reports implements DecisionSlice<CellReport, ActualLrp> {

        private final Map<InstanceIndex, List<Instance>> instances;

        private final ActualLrpStore.Writes writes = store.writes();

        private final InstanceLifecycle lifecycle = store.lifecycle();

        Reports(List<CellReport> reports) {
            instances = rows.lockAtIndices(reports.stream().map(CellReport::at).distinct().toList())
                .stream()
                .collect(Collectors.groupingBy(instance -> new InstanceIndex(instance.processGuid(), instance.index()),
                        Collectors.toList()));
        }

        @Override
        public ActualLrp take(CellReport report) {
            InstanceIndex at = report.at();
            List<Instance> atIndex = existing(instances.getOrDefault(at, List.of()), at.processGuid(), at.index());
            InstanceTransition transition = report.transition();
            Instance instance = reported(atIndex, transition);
            InstanceStatus status = instance.status();
            String cellId = report.cellId();
            long now = EpochNanos.now();
            return switch (report.kind()) {
                case CLAIM -> writes.change(instance, lifecycle.claim(status, cellId, now)).toApi();
                case START -> start(atIndex, instance,
                        lifecycle.start(status, cellId, transition.address(), portsOf(transition), now));
                case CRASH -> crash(instance, lifecycle.crash(status, cellId, transition.crashReason(), now));
                case FAIL -> writes.change(instance, lifecycle.fail(status, cellId, failure(transition), now)).toApi();
                case REMOVE -> remove(instance, cellId);
            };
        }

        private ActualLrp start(List<Instance> atIndex, Instance instance, InstanceStatus running) {
            ActualLrp started = writes.change(instance, running).toApi();
            if (lifecycle.replacesStandIn(running)) {
                atIndex.stream().filter(other -> !other.status().ordinary()).forEach(writes::remove);
            }
            return started;
        }

        private ActualLrp crash(Instance instance, InstanceStatus crashed) {
            ActualLrp answer = writes.change(instance, crashed).toApi();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    crashes.increment();
                }
            });
            return answer;
        }

        private ActualLrp remove(Instance instance, String cellId) {
            lifecycle.requireRemovable(instance.status(), cellId);
            writes.remove(instance);
            return instance.toApi();
        }

        private static String failure(InstanceTransition transition) {
            return Objects.requireNonNullElse(transition.placementError(), "the cell could not start the instance");
        }

        private static String portsOf(InstanceTransition transition) {
            return ActualLrpMapper.portsJson(transition.ports() == null ? List.of() : transition.ports());
        }

        @Override
        public void write() {
            writes.write();
        }

    }

}
