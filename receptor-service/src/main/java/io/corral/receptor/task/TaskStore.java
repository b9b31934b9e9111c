package io.corral.receptor.task;

import io.corral.receptor.api.Task;
import io.corral.receptor.api.TaskState;
import io.corral.receptor.api.event.RecordKind;
import io.corral.receptor.client.ReceptorJson;
import io.corral.receptor.common.EpochNanos;
import io.corral.receptor.events.EventPublisher;
import io.corral.receptor.events.RecordEvents;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes tasks and publishes their events in the caller's transaction: the one place
 * where tasks come into being, change and go, so no write escapes the event stream.
 */
@Component
class TaskStore {

    /**
     * Fields of {@link Task} the receptor sets; a create request's values for them are
     * ignored.
     */
    private static final List<String> RECEPTOR_FIELDS = List.of("state", "cell_id", "placement_error", "failed",
            "failure_reason", "result", "created_at", "updated_at");

    private final TaskRepository repository;

    private final RecordEvents<Task> events;

    private final ApplicationEventPublisher application;

    private final JsonMapper json = ReceptorJson.mapper();

    public TaskStore(TaskRepository repository, EventPublisher events, ApplicationEventPublisher application) {
        this.repository = repository;
        this.events = events.of(RecordKind.TASK);
        this.application = application;
    }

    public Task create(Task request) {
        ObjectNode definition = json.valueToTree(request);
        definition.remove(RECEPTOR_FIELDS);
        TaskEntity entity = new TaskEntity(request.taskGuid(), request.domain(), json.writeValueAsString(definition),
                Instant.now());
        repository.saveAndFlush(entity);
        Task created = toApi(entity);
        events.created(created);
        return created;
    }

    /**
     * Applies one lifecycle step; a step that changes nothing writes and publishes
     * nothing.
     */
    public Task change(TaskEntity entity, UnaryOperator<TaskStatus> step) {
        TaskStatus before = entity.status();
        TaskStatus after = step.apply(before);
        if (after.equals(before)) {
            return toApi(entity);
        }
        Task beforeApi = toApi(entity);
        entity.apply(after, Instant.now());
        repository.saveAndFlush(entity);
        Task afterApi = toApi(entity);
        events.changed(beforeApi, afterApi);
        if (completes(before, after) && afterApi.completionCallbackUrl() != null) {
            application.publishEvent(new TaskCompleted(entity.taskGuid()));
        }
        return afterApi;
    }

    public void remove(TaskEntity entity) {
        Task removed = toApi(entity);
        repository.delete(entity);
        events.removed(removed);
    }

    public Task toApi(TaskEntity entity) {
        ObjectNode node = (ObjectNode) json.readTree(entity.definition());
        TaskStatus s = entity.status();
        node.put("state", s.state().name());
        node.put("cell_id", s.cellId());
        node.put("placement_error", s.placementError());
        node.put("failed", s.failed());
        node.put("failure_reason", s.failureReason());
        node.put("result", s.result());
        node.put("created_at", EpochNanos.of(entity.createdAt()));
        node.put("updated_at", EpochNanos.of(entity.updatedAt()));
        return json.treeToValue(node, Task.class);
    }

    /**
     * Into COMPLETED for the first time: not a callback that failed and handed the task
     * back.
     */
    private static boolean completes(TaskStatus before, TaskStatus after) {
        return after.state() == TaskState.COMPLETED && before.state() != TaskState.COMPLETED
                && before.state() != TaskState.RESOLVING;
    }

}
