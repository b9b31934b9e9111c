package io.corral.receptor.task;

import io.corral.receptor.api.TaskState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tasks")
class TaskEntity {

    @Id
    @Column(name = "task_guid")
    private String taskGuid;

    private String domain;

    @Enumerated(EnumType.STRING)
    private TaskState state;

    private String cellId;

    /** The definition as the API's JSON, without the fields the receptor sets. */
    private String definition;

    private String placementError;

    private boolean failed;

    private String failureReason;

    private String result;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant completedAt;

    private String modificationEpoch;

    /** A wrapper, so a new task (null) is persisted rather than merged. */
    @Version
    private Long modificationIndex;

    protected TaskEntity() {
    }

    public TaskEntity(String taskGuid, String domain, String definition, Instant now) {
        this.taskGuid = taskGuid;
        this.domain = domain;
        this.definition = definition;
        this.modificationEpoch = UUID.randomUUID().toString();
        this.createdAt = now;
        apply(TaskStatus.pending(), now);
    }

    public TaskStatus status() {
        return new TaskStatus(state, cellId, placementError, failed, failureReason, result);
    }

    public void apply(TaskStatus status, Instant now) {
        this.state = status.state();
        this.cellId = status.cellId();
        this.placementError = status.placementError();
        this.failed = status.failed();
        this.failureReason = status.failureReason();
        this.result = status.result();
        this.updatedAt = now;
        if (status.state() == TaskState.COMPLETED && completedAt == null) {
            completedAt = now;
        }
    }

    public String taskGuid() {
        return taskGuid;
    }

    public String domain() {
        return domain;
    }

    public String definition() {
        return definition;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

}
