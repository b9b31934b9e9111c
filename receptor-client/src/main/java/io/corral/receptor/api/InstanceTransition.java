package io.corral.receptor.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A cell's report on one of its instances (claim, start, crash, fail, remove). It names
 * the {@code instance_guid} and the {@code modification_tag} it last saw; start adds
 * {@code address} and {@code ports}, crash {@code crash_reason}, fail
 * {@code placement_error}.
 */
public record InstanceTransition(@NotBlank @Size(max = ApiPatterns.MAX_GUID_LENGTH) String instanceGuid,
        @NotNull ModificationTag modificationTag, @Size(max = 255) String address,
        @Size(max = 64) List<@NotNull @Valid PortMapping> ports, @Size(max = 1024) String crashReason,
        @Size(max = 1024) String placementError) {
}
