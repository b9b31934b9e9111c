package io.corral.receptor.lrp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the hottest writes, each of one instance (single placement decisions, cells'
 * reports), share transactions ({@link TransactionGroups}).
 *
 * @param concurrency transactions of those writes doing their work at once (one that has
 * only its commit left no longer counts); writes that come meanwhile wait and are written
 * together. Default: half the processors, at least 1 (on 2 cores, one group at work with
 * the next one's work beside its commit wrote the most: docs/performance.md)
 * @param groupSize the most writes one transaction takes; 1 writes each alone
 */
@Validated
@ConfigurationProperties("corral.writes")
public record WriteProperties(@NotNull @Min(1) @Max(64) Integer concurrency,
        @NotNull @Min(1) @Max(1000) Integer groupSize) {

    public WriteProperties {
        concurrency = concurrency == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : concurrency;
        groupSize = groupSize == null ? 32 : groupSize;
    }
}
