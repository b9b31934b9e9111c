package io.corral.receptor.task;

import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskAssignment;
import io.corral.receptor.api.TaskCompletion;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.cell.CellService;
import io.corral.receptor.common.EntityStreams;
import io.corral.receptor.common.RequestRules;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Desiring, reading and removing tasks, and every step of their lifecycle, each in one
 * transaction.
 */
@Service
public class TaskService {

    /** What a cell still has to run. */
    private static final EnumSet<TaskState> ON_CELL = EnumSet.of(TaskState.CLAIMED, TaskState.RUNNING);

    private final TaskRepository repository;

    private final TaskStore store;

    private final CellService cells;

    private final EntityStreams streams;

    public TaskService(TaskRepository repository, TaskStore store, CellService cells, EntityStreams streams) {
        this.repository = repository;
        this.store = store;
        this.cells = cells;
        this.streams = streams;
    }

    @Transactional
    public Task create(Task request) {
        RequestRules.requireAction("action", request.action());
        RequestRules.requireAnnotation(request.annotation());
        if (repository.existsById(request.taskGuid())) {
            throw alreadyExists(request.taskGuid());
        }
        try {
            return store.create(request);
        }
        catch (DataIntegrityViolationException concurrentCreate) {
            throw alreadyExists(request.taskGuid());
        }
    }

    @Transactional(readOnly = true)
    public Task get(String taskGuid) {
        return store.toApi(find(taskGuid));
    }

    /**
     * Hands every task (of {@code domain}, when given) to {@code sink} without loading
     * them all.
     */
    @Transactional(readOnly = true)
    public void forEach(String domain, Consumer<Task> sink) {
        streams.forEach(domain == null ? repository.streamAll() : repository.streamByDomain(domain), store::toApi,
                sink);
    }

    /** The tasks {@code cellId} holds and has not completed. */
    @Transactional(readOnly = true)
    public List<Task> onCell(String cellId) {
        return repository.findByCellIdAndStateInOrderByTaskGuid(cellId, ON_CELL).stream().map(store::toApi).toList();
    }

    @Transactional
    public Task cancel(String taskGuid) {
        return apply(taskGuid, TaskLifecycle::cancel);
    }

    /** Removes a COMPLETED task: the Cloud Controller has its result. */
    @Transactional
    public void delete(String taskGuid) {
        TaskEntity entity = find(taskGuid);
        TaskLifecycle.requireDeletable(entity.status());
        store.remove(entity);
    }

    /** The placement service's decision for a PENDING task. */
    @Transactional
    public Task assign(String taskGuid, Assignment assignment) {
        RequestRules.requireCellOrPlacementError("", assignment.cellId(), assignment.placementError());
        return assign(find(taskGuid), assignment.cellId(), assignment.placementError(), cells::isPresent);
    }

    /**
     * For a batch of placement decisions, in the caller's transaction: reads the tasks
     * and the cells that {@code assignments} name, one query each, and returns what takes
     * one of those decisions as {@link #assign(String, Assignment)} does, refusing it as
     * that would.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Function<TaskAssignment, Task> assigner(List<TaskAssignment> assignments) {
        Map<String, TaskEntity> found = repository
            .findAllById(assignments.stream().map(TaskAssignment::taskGuid).collect(Collectors.toSet()))
            .stream()
            .collect(Collectors.toMap(TaskEntity::taskGuid, Function.identity()));
        Set<String> present = cells.presentAmong(
                assignments.stream().map(TaskAssignment::cellId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return a -> {
            TaskEntity entity = found.get(a.taskGuid());
            if (entity == null) {
                throw notFound(a.taskGuid());
            }
            return assign(entity, a.cellId(), a.placementError(), present::contains);
        };
    }

    private Task assign(TaskEntity entity, String cellId, String placementError, Predicate<String> cellPresent) {
        if (cellId != null && !cellPresent.test(cellId)) {
            throw ApiException.conflict("cell_id: cell '" + cellId + "' is not present");
        }
        return store.change(entity, s -> cellId != null ? TaskLifecycle.assign(s, cellId)
                : TaskLifecycle.placementFailed(s, placementError));
    }

    /**
     * The cell {@code cellId} shuts down, in the caller's transaction: the tasks it
     * claimed and did not start go back to be placed elsewhere. Answers them as they are
     * now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Task> releaseUnstartedOn(String cellId) {
        return repository.findByCellIdAndStateInOrderByTaskGuid(cellId, EnumSet.of(TaskState.CLAIMED))
            .stream()
            .map(entity -> store.change(entity, TaskLifecycle::unclaim))
            .toList();
    }

    @Transactional
    public Task start(String cellId, String taskGuid) {
        return apply(taskGuid, s -> TaskLifecycle.start(s, cellId));
    }

    @Transactional
    public Task complete(String cellId, String taskGuid, TaskCompletion completion) {
        return apply(taskGuid, s -> TaskLifecycle.complete(s, cellId, completion.failed(), completion.failureReason(),
                completion.result()));
    }

    /**
     * COMPLETED -> RESOLVING before its callback is delivered; empty when the task is no
     * longer COMPLETED.
     */
    @Transactional
    public Optional<Task> beginResolving(String taskGuid) {
        return repository.findById(taskGuid)
            .filter(entity -> entity.status().state() == TaskState.COMPLETED)
            .map(entity -> store.change(entity, TaskLifecycle::resolve));
    }

    /** The callback was acknowledged: the task is done with. */
    @Transactional
    public void resolved(String taskGuid) {
        repository.findById(taskGuid)
            .filter(entity -> entity.status().state() == TaskState.RESOLVING)
            .ifPresent(store::remove);
    }

    /**
     * The callback was never acknowledged: the task stays, COMPLETED, for the Cloud
     * Controller to fetch.
     */
    @Transactional
    public void resolutionFailed(String taskGuid) {
        repository.findById(taskGuid)
            .filter(entity -> entity.status().state() == TaskState.RESOLVING)
            .ifPresent(entity -> store.change(entity, TaskLifecycle::resolutionFailed));
    }

    private Task apply(String taskGuid, UnaryOperator<TaskStatus> step) {
        return store.change(find(taskGuid), step);
    }

    private TaskEntity find(String taskGuid) {
        return repository.findById(taskGuid).orElseThrow(() -> notFound(taskGuid));
    }

    private static ApiException notFound(String taskGuid) {
        return new ApiException(ErrorCode.TASK_NOT_FOUND, "task '" + taskGuid + "' not found");
    }

    private static ApiException alreadyExists(String taskGuid) {
        return ApiException.conflict("task '" + taskGuid + "' already exists");
    }

}
