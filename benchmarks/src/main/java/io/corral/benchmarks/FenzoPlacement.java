package io.corral.benchmarks;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.TaskTrackerState;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.VirtualMachineCurrentState;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.functions.Action2;
import com.netflix.fenzo.plugins.BalancedHostAttrConstraint;
import com.netflix.fenzo.plugins.SpreadingFitnessCalculators;
import io.corral.placement.auction.CellSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.mesos.Protos;

/**
 * Places a {@link PlacementProblem} with Netflix Fenzo 1.0.1, the way a Mesos framework
 * uses it: one lease (offer) per cell with its memory, disk and container slots (as CPUs,
 * one per instance) and a {@code zone} attribute; each instance a task request with two
 * hard constraints, docs/design.md's match (tags, isolation, rootfs) and Fenzo's
 * {@link BalancedHostAttrConstraint} on the zone over the process's instances; the
 * {@code cpuMemSpreader} fitness to spread over cells. Tasks go in batches through
 * {@link TaskScheduler#scheduleOnce}; after each, every assignment is reported back with
 * the task assigner, and each cell that was used is offered again with what is left of
 * it, as Mesos re-offers the rest of a host.
 */
final class FenzoPlacement {

    static final String ZONE = "zone";

    private FenzoPlacement() {
    }

    /**
     * Runs once; {@code progress} is told after each batch how many tasks were scheduled
     * so far.
     */
    static PlacementRun run(PlacementProblem problem, int batchSize, Progress progress) {
        return run(problem, batchSize, null, progress);
    }

    /**
     * Runs once; with {@code goodEnough}, Fenzo takes the first cell whose fitness is
     * above it instead of trying every cell for every task (its
     * {@code withFitnessGoodEnoughFunction}).
     */
    static PlacementRun run(PlacementProblem problem, int batchSize, Double goodEnough, Progress progress) {
        Map<String, CellSpec> cells = new HashMap<>();
        problem.cells().forEach(cell -> cells.put(cell.cellId(), cell));
        List<InstanceTask> tasks = tasks(problem, cells);
        Map<String, Protos.Attribute> zoneAttributes = new HashMap<>();
        problem.zones()
            .forEach(zone -> zoneAttributes.put(zone,
                    Protos.Attribute.newBuilder()
                        .setName(ZONE)
                        .setType(Protos.Value.Type.TEXT)
                        .setText(Protos.Value.Text.newBuilder().setValue(zone))
                        .build()));

        long start = System.nanoTime();
        TaskScheduler.Builder builder = new TaskScheduler.Builder().withLeaseRejectAction(lease -> {
        })
            // Offers are never declined back to a cluster manager here: they stay until
            // used.
            .withLeaseOfferExpirySecs(1_000_000)
            .withFitnessCalculator(SpreadingFitnessCalculators.cpuMemSpreader);
        if (goodEnough != null) {
            builder.withFitnessGoodEnoughFunction(fitness -> fitness > goodEnough);
        }
        TaskScheduler scheduler = builder.build();
        try {
            Action2<TaskRequest, String> assigner = scheduler.getTaskAssigner();
            long[] offers = { 0 };
            List<VirtualMachineLease> newLeases = new ArrayList<>(problem.cells().size());
            for (CellSpec cell : problem.cells()) {
                newLeases.add(new CellLease(cell, zoneAttributes.get(cell.zone()), cell.capacity().memoryMb(),
                        cell.capacity().diskMb(), cell.capacity().containers(), offers[0]++));
            }
            List<PlacementCheck.Placed> placed = new ArrayList<>(tasks.size());
            Map<String, Long> reasons = new TreeMap<>();
            int failed = 0;
            for (int from = 0; from < tasks.size(); from += batchSize) {
                List<InstanceTask> batch = tasks.subList(from, Math.min(tasks.size(), from + batchSize));
                SchedulingResult result = scheduler.scheduleOnce(batch, newLeases);
                if (!result.getExceptions().isEmpty()) {
                    throw new IllegalStateException("Fenzo failed to schedule", result.getExceptions().get(0));
                }
                newLeases = new ArrayList<>();
                for (VMAssignmentResult assignment : result.getResultMap().values()) {
                    double memory = 0;
                    double disk = 0;
                    double slots = 0;
                    for (VirtualMachineLease used : assignment.getLeasesUsed()) {
                        memory += used.memoryMB();
                        disk += used.diskMB();
                        slots += used.cpuCores();
                    }
                    for (TaskAssignmentResult task : assignment.getTasksAssigned()) {
                        InstanceTask request = (InstanceTask) task.getRequest();
                        assigner.call(request, assignment.getHostname());
                        placed.add(new PlacementCheck.Placed(request.process.number(), assignment.getHostname()));
                        memory -= request.getMemory();
                        disk -= request.getDisk();
                        slots -= request.getCPUs();
                    }
                    CellSpec cell = cells.get(assignment.getHostname());
                    newLeases
                        .add(new CellLease(cell, zoneAttributes.get(cell.zone()), memory, disk, slots, offers[0]++));
                }
                for (Map.Entry<TaskRequest, List<TaskAssignmentResult>> failure : result.getFailures().entrySet()) {
                    failed++;
                    reasons.merge(reason(failure.getValue()), 1L, Long::sum);
                }
                progress.scheduled(Math.min(tasks.size(), from + batchSize), tasks.size());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new PlacementRun(seconds, placed, failed, reasons, 0);
        }
        finally {
            scheduler.shutdown();
        }
    }

    interface Progress {

        void scheduled(int done, int total);

    }

    private static String reason(List<TaskAssignmentResult> results) {
        boolean balance = false;
        for (TaskAssignmentResult result : results) {
            if (result == null) {
                continue;
            }
            if (result.getConstraintFailure() == null) {
                return "insufficient resources";
            }
            balance |= result.getConstraintFailure().getName().startsWith(BalancedHostAttrConstraint.class.getName());
        }
        return balance ? "zone balance constraint" : "found no compatible cell";
    }

    private static List<InstanceTask> tasks(PlacementProblem problem, Map<String, CellSpec> cells) {
        CellMatch match = new CellMatch(cells);
        List<InstanceTask> tasks = new ArrayList<>(problem.totalInstances());
        for (PlacementProblem.Process process : problem.processes()) {
            Set<String> coTasks = new HashSet<>();
            for (int i = 0; i < process.instances(); i++) {
                coTasks.add(process.guid() + "/" + i);
            }
            Set<String> siblings = Collections.unmodifiableSet(coTasks);
            int zones = Math.max(1, problem.matchingZones(process).size());
            List<ConstraintEvaluator> constraints = List.of(match,
                    new BalancedHostAttrConstraint(taskId -> siblings, ZONE, zones));
            for (int i = 0; i < process.instances(); i++) {
                tasks.add(new InstanceTask(process.guid() + "/" + i, process, constraints));
            }
        }
        return tasks;
    }

    /** docs/design.md's match as a Fenzo hard constraint: tags, isolation, rootfs. */
    private static final class CellMatch implements ConstraintEvaluator {

        private static final Result MATCH = new Result(true, "");

        private static final Result NO_MATCH = new Result(false, "tags, isolation or rootfs do not match");

        private final Map<String, CellSpec> cells;

        CellMatch(Map<String, CellSpec> cells) {
            this.cells = cells;
        }

        @Override
        public String getName() {
            return "cell-match";
        }

        @Override
        public Result evaluate(TaskRequest task, VirtualMachineCurrentState vm, TaskTrackerState tracker) {
            CellSpec cell = cells.get(vm.getHostname());
            return cell != null && PlacementProblem.matches(cell, ((InstanceTask) task).process) ? MATCH : NO_MATCH;
        }

    }

    /**
     * One instance: its memory and disk, one container slot (as one CPU), its process's
     * constraints.
     */
    private static final class InstanceTask implements TaskRequest {

        private final String id;

        private final PlacementProblem.Process process;

        private final List<ConstraintEvaluator> constraints;

        private AssignedResources assignedResources;

        InstanceTask(String id, PlacementProblem.Process process, List<ConstraintEvaluator> constraints) {
            this.id = id;
            this.process = process;
            this.constraints = constraints;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String taskGroupName() {
            return process.guid();
        }

        @Override
        public double getCPUs() {
            return 1;
        }

        @Override
        public double getMemory() {
            return process.memoryMb();
        }

        @Override
        public double getNetworkMbps() {
            return 0;
        }

        @Override
        public double getDisk() {
            return process.diskMb();
        }

        @Override
        public int getPorts() {
            return 0;
        }

        @Override
        public Map<String, Double> getScalarRequests() {
            return Collections.emptyMap();
        }

        @Override
        public Map<String, NamedResourceSetRequest> getCustomNamedResources() {
            return Collections.emptyMap();
        }

        @Override
        public List<? extends ConstraintEvaluator> getHardConstraints() {
            return constraints;
        }

        @Override
        public List<? extends VMTaskFitnessCalculator> getSoftConstraints() {
            return List.of();
        }

        @Override
        public void setAssignedResources(AssignedResources assignedResources) {
            this.assignedResources = assignedResources;
        }

        @Override
        public AssignedResources getAssignedResources() {
            return assignedResources;
        }

    }

    /**
     * What a cell offers: its free memory, disk and container slots (as CPUs), and its
     * zone.
     */
    private static final class CellLease implements VirtualMachineLease {

        private final CellSpec cell;

        private final Map<String, Protos.Attribute> attributes;

        private final double memory;

        private final double disk;

        private final double slots;

        private final String id;

        private final long offeredAt = System.currentTimeMillis();

        CellLease(CellSpec cell, Protos.Attribute zone, double memory, double disk, double slots, long offer) {
            this.cell = cell;
            // Fenzo looks up attribute names that may be null, which Map.of refuses.
            this.attributes = Collections.singletonMap(ZONE, zone);
            this.memory = memory;
            this.disk = disk;
            this.slots = slots;
            this.id = "offer-" + offer;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public long getOfferedTime() {
            return offeredAt;
        }

        @Override
        public String hostname() {
            return cell.cellId();
        }

        @Override
        public String getVMID() {
            return cell.cellId();
        }

        @Override
        public double cpuCores() {
            return slots;
        }

        @Override
        public double memoryMB() {
            return memory;
        }

        @Override
        public double networkMbps() {
            return 0;
        }

        @Override
        public double diskMB() {
            return disk;
        }

        @Override
        public List<Range> portRanges() {
            return List.of();
        }

        @Override
        public Protos.Offer getOffer() {
            return null;
        }

        @Override
        public Map<String, Protos.Attribute> getAttributeMap() {
            return attributes;
        }

        @Override
        public Double getScalarValue(String name) {
            return null;
        }

        @Override
        public Map<String, Double> getScalarValues() {
            return Collections.emptyMap();
        }

    }

}
