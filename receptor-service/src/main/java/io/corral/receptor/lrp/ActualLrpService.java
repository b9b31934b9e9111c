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
import io.corral.receptor.lrp.InstanceBatchRows.Change;
import io.corral.receptor.lrp.InstanceBatchRows.Instance;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.OptimisticLockingFailureException;
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

    private final TransactionGroups.Batch<LrpAssignment, ActualLrp> singleDecisions = this::takeAll;

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
     * Concurrent single decisions, taken as one batch: any refused has each written
     * alone, to be refused on its own.
     */
    private List<ActualLrp> takeAll(List<LrpAssignment> decisions) {
        DecisionSlice<LrpAssignment, ActualLrp> slice = new Assignments(decisions);
        List<ActualLrp> assigned = decisions.stream().map(slice::take).toList();
        slice.write();
        return assigned;
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
     * modification tag the cell last saw. Read and written as rows, in a transaction on
     * the JDBC connection that concurrent reports and decisions share
     * ({@link RowTransactions#shared}), as the hottest writes of a running platform.
     */
    public ActualLrp claim(String cellId, String processGuid, int index, InstanceTransition report) {
        return transactions.shared(() -> {
            Instance instance = reported(instancesAt(processGuid, index), report);
            return store.change(instance, store.lifecycle().claim(instance.status(), cellId, EpochNanos.now()));
        });
    }

    /**
     * The start of an index's current instance also removes the instance it replaces. The
     * index's rows are locked first, so this and the return of a suspect's cell (which
     * removes the replacement instead) follow each other.
     */
    public ActualLrp start(String cellId, String processGuid, int index, InstanceTransition report) {
        return transactions.shared(() -> {
            List<Instance> instances = lockedAt(processGuid, index);
            Instance instance = reported(instances, report);
            if (report.address() == null || report.address().isBlank()) {
                throw ApiException.invalidRequest("address: must not be blank when starting an instance");
            }
            InstanceLifecycle lifecycle = store.lifecycle();
            String ports = ActualLrpMapper.portsJson(report.ports() == null ? List.of() : report.ports());
            InstanceStatus running = lifecycle.start(instance.status(), cellId, report.address(), ports,
                    EpochNanos.now());
            ActualLrp started = store.change(instance, running);
            if (lifecycle.replacesStandIn(running)) {
                instances.stream().filter(other -> !other.status().ordinary()).forEach(store::remove);
            }
            return started;
        });
    }

    public ActualLrp crash(String cellId, String processGuid, int index, InstanceTransition report) {
        return transactions.shared(() -> {
            Instance instance = reported(instancesAt(processGuid, index), report);
            ActualLrp crashed = store.change(instance,
                    store.lifecycle().crash(instance.status(), cellId, report.crashReason(), EpochNanos.now()));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    crashes.increment();
                }
            });
            return crashed;
        });
    }

    public ActualLrp fail(String cellId, String processGuid, int index, InstanceTransition report) {
        String error = Objects.requireNonNullElse(report.placementError(), "the cell could not start the instance");
        return transactions.shared(() -> {
            Instance instance = reported(instancesAt(processGuid, index), report);
            return store.change(instance, store.lifecycle().fail(instance.status(), cellId, error, EpochNanos.now()));
        });
    }

    public ActualLrp remove(String cellId, String processGuid, int index, InstanceTransition report) {
        return transactions.shared(() -> {
            Instance instance = reported(instancesAt(processGuid, index), report);
            store.lifecycle().requireRemovable(instance.status(), cellId);
            return store.remove(instance);
        });
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
        return existing(rows.lockAtIndex(processGuid, index), processGuid, index);
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
     * memory as it is taken and all written by {@link ActualLrpStore#changeAll}.
     */
    private final class Assignments implements DecisionSlice<LrpAssignment, ActualLrp> {

        private final Map<InstanceIndex, Instance> current = new HashMap<>();

        private final Set<String> presentCells = new HashSet<>();

        private final Map<UUID, Change> changes = new LinkedHashMap<>();

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
            if (next.equals(instance.status())) {
                return instance.toApi();
            }
            if (changes.containsKey(instance.id())) {
                // Each write of an instance advances its version by one, with an event of
                // its own: a second change in one slice is taken a decision at a time.
                throw new OptimisticLockingFailureException(
                        "index " + a.index() + " of '" + a.processGuid() + "' is changed twice in one batch");
            }
            Instance after = instance.with(next);
            changes.put(instance.id(), new Change(instance, after));
            current.put(at, after);
            return after.toApi();
        }

        @Override
        public void write() {
            store.changeAll(List.copyOf(changes.values()));
        }

    }

}
