package io.corral.placement.auctioneer;

import io.corral.placement.auction.AuctionInput;
import io.corral.placement.auction.AuctionResult;
import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.WorkItem;
import io.corral.placement.constraint.ConstraintBook;
import io.corral.placement.model.Backlog;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model's backlog as an auction: the cells, what already runs on them, and the
 * unplaced instances and tasks with their effective placement rules. Turns the auction's
 * result back into the receptor's assignments.
 */
public final class AuctionProblem {

    private final AuctionInput input;

    private final Map<String, ActualLrp> instances;

    private final Map<String, Task> tasks;

    private AuctionProblem(AuctionInput input, Map<String, ActualLrp> instances, Map<String, Task> tasks) {
        this.input = input;
        this.instances = instances;
        this.tasks = tasks;
    }

    /**
     * The backlog's work sorted, so that an auction over the same state decides the same.
     */
    public static AuctionProblem of(List<CellSpec> cells, Backlog backlog, ConstraintBook constraints,
            Set<String> stagingDomains) {
        WorkRules rules = new WorkRules(constraints, stagingDomains);
        List<WorkItem> work = new ArrayList<>();
        Map<String, ActualLrp> instances = new HashMap<>();
        Map<String, Task> tasks = new HashMap<>();
        List<ActualLrp> unplacedInstances = new ArrayList<>(backlog.instances());
        unplacedInstances.sort(Comparator.comparing(ActualLrp::processGuid).thenComparingInt(ActualLrp::index));
        for (ActualLrp instance : unplacedInstances) {
            WorkItem item = rules.workFor(backlog.desiredLrps().get(instance.processGuid()), instance.index());
            work.add(item);
            instances.put(item.id(), instance);
        }
        List<Task> unplacedTasks = new ArrayList<>(backlog.tasks());
        unplacedTasks.sort(Comparator.comparing(Task::taskGuid));
        for (Task task : unplacedTasks) {
            WorkItem item = rules.workFor(task);
            work.add(item);
            tasks.put(item.id(), task);
        }
        return new AuctionProblem(new AuctionInput(cells, backlog.occupancy(), work), instances, tasks);
    }

    public AuctionInput input() {
        return input;
    }

    /**
     * The receptor writes the result asks for: every placement, and each placement error
     * that is new.
     */
    public Decisions decisions(AuctionResult result) {
        List<LrpAssignment> lrps = new ArrayList<>();
        List<TaskAssignment> taskDecisions = new ArrayList<>();
        for (AuctionResult.Placement placement : result.placements()) {
            decide(placement.work(), placement.cellId(), null, lrps, taskDecisions);
        }
        for (AuctionResult.Failure failure : result.failures()) {
            decide(failure.work(), null, failure.error().message(), lrps, taskDecisions);
        }
        return new Decisions(lrps, taskDecisions);
    }

    private void decide(WorkItem item, String cellId, String error, List<LrpAssignment> lrps,
            List<TaskAssignment> taskDecisions) {
        ActualLrp instance = instances.get(item.id());
        if (instance != null) {
            if (cellId != null || !Objects.equals(instance.placementError(), error)) {
                lrps.add(new LrpAssignment(instance.processGuid(), instance.index(), instance.instanceGuid(), cellId,
                        error));
            }
            return;
        }
        Task task = tasks.get(item.id());
        if (cellId != null || !Objects.equals(task.placementError(), error)) {
            taskDecisions.add(new TaskAssignment(task.taskGuid(), cellId, error));
        }
    }

    /** The assignments one auction asks the receptor to write. */
    public record Decisions(List<LrpAssignment> actualLrps, List<TaskAssignment> tasks) {

        public int size() {
            return actualLrps.size() + tasks.size();
        }
    }

}
