package io.corral.receptor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record EnvironmentVariable(@NotBlank @Size(max = 1024) String name, @Size(max = 65536) String value) {
}
