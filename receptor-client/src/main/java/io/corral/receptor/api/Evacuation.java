package io.corral.receptor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Names the RUNNING instance the placement service moves away from its cell. */
public record Evacuation(@NotBlank @Size(max = ApiPatterns.MAX_GUID_LENGTH) String instanceGuid) {
}
