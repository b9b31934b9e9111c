package io.corral.receptor.task;

import io.corral.receptor.api.TaskState;

/**
 * Where one task is in its life: the part of a task that lifecycle transitions change.
 */
public record TaskStatus(TaskState state, String cellId, String placementError, boolean failed, String failureReason,
        String result) {

    public static TaskStatus pending() {
        return new TaskStatus(TaskState.PENDING, null, null, false, null, null);
    }
}
