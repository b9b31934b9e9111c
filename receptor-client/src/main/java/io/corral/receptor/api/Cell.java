package io.corral.receptor.api;

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

/**
 * A cell as its heartbeat announces it ({@code PUT /v1/cells/{cell_id}}); {@code cell_id}
 * comes from the path and {@code expires_at} (ns) is set by the receptor.
 * {@code evacuating}: the cell is shutting down and takes no new work; its agent says so
 * in every heartbeat while it evacuates (left out: false).
 */
public record Cell(String cellId,
        @NotBlank @Size(max = 255) @Pattern(regexp = NAME, message = NAME_MESSAGE) String zone,
        @NotBlank @Size(max = 1024) String repAddress, @NotNull @Valid CellCapacity capacity,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> placementTags,
        @Size(max = ApiPatterns.MAX_TAGS) List<@NotNull @Pattern(regexp = NAME,
                message = NAME_MESSAGE) String> optionalPlacementTags,
        @Size(max = 64) List<@NotBlank @Size(max = 1024) String> rootfsProviders, @Min(1) @Max(3600) Integer ttlSeconds,
        Long expiresAt, Boolean evacuating) {

    public Cell {
        evacuating = Boolean.TRUE.equals(evacuating);
    }

    /** A cell taking work. */
    public Cell(String cellId, String zone, String repAddress, CellCapacity capacity, List<String> placementTags,
            List<String> optionalPlacementTags, List<String> rootfsProviders, Integer ttlSeconds, Long expiresAt) {
        this(cellId, zone, repAddress, capacity, placementTags, optionalPlacementTags, rootfsProviders, ttlSeconds,
                expiresAt, false);
    }

}
