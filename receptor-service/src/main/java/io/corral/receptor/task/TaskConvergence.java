package io.corral.receptor.task;

import static io.corral.receptor.api.TaskState.CLAIMED;
import static io.corral.receptor.api.TaskState.COMPLETED;
import static io.corral.receptor.api.TaskState.RESOLVING;
import static io.corral.receptor.api.TaskState.RUNNING;

import io.corral.receptor.api.TaskState;
import io.corral.receptor.cell.CellService;
import io.corral.receptor.convergence.ConvergenceStep;
import io.corral.receptor.common.IllegalTransitionException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tasks whose cell is gone fail; tasks a cell claimed but never started are placed again;
 * tasks whose callback delivery was lost return to COMPLETED; COMPLETED tasks past their
 * retention are deleted. Each task changes in its own transaction, so one concurrent
 * change skips only that task.
 */
@Component
public class TaskConvergence implements ConvergenceStep {

    private static final EnumSet<TaskState> ON_CELL = EnumSet.of(CLAIMED, RUNNING);

    private final TaskRepository repository;

    private final TaskStore store;

    private final CellService cells;

    private final TaskProperties properties;

    private final TransactionTemplate transactions;

    public TaskConvergence(TaskRepository repository, TaskStore store, CellService cells, TaskProperties properties,
            TransactionTemplate transactions) {
        this.repository = repository;
        this.store = store;
        this.cells = cells;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public int converge() {
        return failTasksOfGoneCells() + replaceUnstarted() + recoverLostResolutions() + expireCompleted();
    }

    private int failTasksOfGoneCells() {
        int changed = 0;
        for (String cellId : repository.cellsHolding(ON_CELL)) {
            if (!cells.isPresent(cellId)) {
                for (String taskGuid : repository.guidsOnCell(cellId, ON_CELL)) {
                    changed += change(taskGuid,
                            t -> cellId.equals(t.status().cellId()) && ON_CELL.contains(t.status().state()),
                            TaskLifecycle::cellDisappeared);
                }
            }
        }
        return changed;
    }

    private int replaceUnstarted() {
        Instant cutoff = Instant.now().minus(properties.claimTimeout());
        int changed = 0;
        for (String taskGuid : repository.guidsInStateSince(CLAIMED, cutoff)) {
            changed += change(taskGuid, t -> inStateSince(t, CLAIMED, cutoff), TaskLifecycle::unclaim);
        }
        return changed;
    }

    private int recoverLostResolutions() {
        Instant cutoff = Instant.now().minus(properties.resolvingTimeout());
        int changed = 0;
        for (String taskGuid : repository.guidsInStateSince(RESOLVING, cutoff)) {
            changed += change(taskGuid, t -> inStateSince(t, RESOLVING, cutoff), TaskLifecycle::resolutionFailed);
        }
        return changed;
    }

    private int expireCompleted() {
        Instant cutoff = Instant.now().minus(properties.completedRetention());
        int removed = 0;
        for (String taskGuid : repository.guidsCompletedBefore(cutoff)) {
            removed += inTransaction(taskGuid, t -> t.status().state() == COMPLETED && t.completedAt().isBefore(cutoff),
                    store::remove);
        }
        return removed;
    }

    private int change(String taskGuid, Predicate<TaskEntity> stillDue, UnaryOperator<TaskStatus> step) {
        return inTransaction(taskGuid, stillDue, entity -> store.change(entity, step));
    }

    /**
     * Re-reads the task and acts only if it still qualifies: it may have moved on since
     * the query.
     */
    private int inTransaction(String taskGuid, Predicate<TaskEntity> stillDue, Consumer<TaskEntity> action) {
        try {
            Integer done = transactions.execute(status -> repository.findById(taskGuid).filter(stillDue).map(entity -> {
                action.accept(entity);
                return 1;
            }).orElse(0));
            return done == null ? 0 : done;
        }
        catch (OptimisticLockingFailureException | IllegalTransitionException changedMeanwhile) {
            return 0;
        }
    }

    private static boolean inStateSince(TaskEntity task, TaskState state, Instant cutoff) {
        return task.status().state() == state && task.updatedAt().isBefore(cutoff);
    }

}
