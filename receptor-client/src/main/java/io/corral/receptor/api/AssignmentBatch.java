package io.corral.receptor.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Many placement decisions in one request ({@code POST /v1/assignments}): at most
 * {@link ApiPatterns#MAX_ASSIGNMENTS} instances and tasks together. Either list may be
 * left out.
 */
public record AssignmentBatch(List<@NotNull @Valid LrpAssignment> actualLrps,
        List<@NotNull @Valid TaskAssignment> tasks) {
}
