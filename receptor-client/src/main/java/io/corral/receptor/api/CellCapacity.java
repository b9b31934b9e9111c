package io.corral.receptor.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

public record CellCapacity(@Min(0) @Max(ApiPatterns.MAX_MEMORY_MB) int memoryMb,
        @Min(0) @Max(ApiPatterns.MAX_DISK_MB) int diskMb, @Min(0) @Max(100_000) int containers) {
}
