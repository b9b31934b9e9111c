package io.corral.placement.auctioneer;

import static io.corral.receptor.api.ApiPatterns.GUID;
import static io.corral.receptor.api.ApiPatterns.GUID_MESSAGE;
import static io.corral.receptor.api.ApiPatterns.MAX_GUID_LENGTH;
import static io.corral.receptor.api.ApiPatterns.NAME;
import static io.corral.receptor.api.ApiPatterns.NAME_MESSAGE;

import io.corral.receptor.api.ApiPatterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A hypothetical LRP to place on the cells as they are now, without placing it: the
 * fields of a desired LRP that placement reads, and the lifecycle whose constraint
 * applies (default running).
 */
public record SimulationRequest(@NotNull @Min(1) @Max(ApiPatterns.MAX_INSTANCES) Integer instances,
        @NotBlank @Size(max = 1024) String rootfs, @Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) Integer memoryMb,
        @Min(0) @Max(ApiPatterns.MAX_DISK_MB) Integer diskMb,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> placementTags,
        @Size(max = MAX_GUID_LENGTH) @Pattern(regexp = GUID, message = GUID_MESSAGE) String spaceGuid,
        @Pattern(regexp = "running|staging", message = "must be running or staging") String lifecycle) {
}
