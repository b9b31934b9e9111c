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
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What should run: a long-running process of {@code instances} identical instances. The same shape
 * is the create request and the response; {@code modification_tag} is set by the receptor.
 */
public record DesiredLrp(
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String processGuid,
        @NotBlank @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = NAME, message = NAME_MESSAGE) String domain,
        @NotBlank @Size(max = 1024) String rootfs,
        @NotNull @Min(0) @Max(ApiPatterns.MAX_INSTANCES) Integer instances,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<@NotNull @Valid EnvironmentVariable> env,
        JsonNode setup,
        @NotNull JsonNode action,
        JsonNode monitor,
        @Min(0) @Max(86_400) Integer startTimeout,
        @Min(0) @Max(100) Integer cpuWeight,
        @Min(0) @Max(ApiPatterns.MAX_DISK_MB) Integer diskMb,
        @Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) Integer memoryMb,
        Boolean privileged,
        @Size(max = 64) List<@NotNull @Min(1) @Max(65535) Integer> ports,
        @Size(max = 16) Map<@NotBlank @Size(max = 64) String, JsonNode> routes,
        @Size(max = MAX_GUID_LENGTH) String logGuid,
        @Size(max = MAX_GUID_LENGTH) String logSource,
        @Size(max = MAX_GUID_LENGTH) String metricsGuid,
        String annotation,
        @Size(max = ApiPatterns.MAX_LIST_SIZE) List<JsonNode> egressRules,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String> placementTags,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String spaceGuid,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String appGuid,
        ModificationTag modificationTag) {
}
