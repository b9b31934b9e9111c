package io.corral.receptor.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

public record PortMapping(@Min(1) @Max(65535) int containerPort, @Min(1) @Max(65535) int hostPort) {
}
