package io.corral.receptor.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A cell's report that a task ended. */
public record TaskCompletion(@NotNull Boolean failed, @Size(max = 4096) String failureReason,
        @Size(max = 10 * 1024) String result) {
}
