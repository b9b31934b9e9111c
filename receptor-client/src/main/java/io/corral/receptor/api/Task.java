package io.corral.receptor.api;

import static io.corral.receptor.api.ApiPatterns.GUID;
import static io.corral.receptor.api.ApiPatterns.GUID_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;
import static io.corral.receptor.api.ApiPatterns.NAME;
import static io.corral.receptor.api.ApiPatterns.NAME_MESSAGE;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A one-off unit of work. The create request and the response share this shape; the
 * fields from {@code state} on are set by the receptor.
 */
public record Task(
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String taskGuid,
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = NAME, message = NAME_MESSAGE) String domain,
        @NotBlank @Size(max = 1024) String rootfs, @NotNull JsonNode action,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<@NotNull @Valid EnvironmentVariable> env,
        @Min(0) @Max(100) Integer cpuWeight, @Min(0) @Max(ApiPatterns.MAX_DISK_MB) Integer diskMb,
        @Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) Integer memoryMb, Boolean privileged,
        @Size(max = MAX_GUID_LENGTH) String logGuid, @Size(max = MAX_GUID_LENGTH) String logSource,
        @Size(max = MAX_GUID_LENGTH) String metricsGuid, @Size(max = 4096) String resultFile,
        @Size(max = 2048) @HttpUrl String completionCallbackUrl, String annotation,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<JsonNode> egressRules,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> placementTags,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String spaceGuid,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String appGuid, TaskState state,
        String cellId, String placementError, Boolean failed, String failureReason, String result, Long createdAt,
        Long updatedAt) {
}
