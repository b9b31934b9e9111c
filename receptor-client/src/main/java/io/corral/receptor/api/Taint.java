package io.corral.receptor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Names the instance an SSH session changed (opened a shell in, wrote a file to), so a
 * later incarnation at the index is not marked by mistake.
 */
public record Taint(@NotBlank @Size(max = ApiPatterns.MAX_GUID_LENGTH) String instanceGuid) {
}
