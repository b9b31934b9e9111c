package io.corral.receptor.cell;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultTtl how long a cell counts as present after a heartbeat that names no
 * {@code ttl_seconds}
 */
@Validated
@ConfigurationProperties("corral.cells")
public record CellProperties(@NotNull Duration defaultTtl) {

    public CellProperties {
        defaultTtl = defaultTtl == null ? Duration.ofSeconds(30) : defaultTtl;
    }
}
