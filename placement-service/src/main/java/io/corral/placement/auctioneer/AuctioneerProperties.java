package io.corral.placement.auctioneer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The auction's schedule.
 *
 * @param interval how often the leader sweeps the receptor for unplaced work, whatever
 * events said
 * @param batchWindow new work that arrives within this long of the last waits this long
 * for more to join its auction; work after a quiet spell this long is auctioned at once
 * @param leaseTtl how long the auction lease lasts; a standby takes over within it
 * @param writeBatchSize decisions per {@code POST /v1/assignments}
 * @param writeConcurrency batches of one auction in flight at once
 * @param stagingDomains task domains whose tasks are staging work, placed by staging
 * constraints
 */
@Validated
@ConfigurationProperties("corral.placement.auction")
public record AuctioneerProperties(@NotNull @DurationMin(millis = 100) Duration interval, @NotNull Duration batchWindow,
        @NotNull @DurationMin(seconds = 1) Duration leaseTtl, @NotNull @Min(1) @Max(1000) Integer writeBatchSize,
        @NotNull @Min(1) @Max(16) Integer writeConcurrency, @NotNull List<String> stagingDomains) {

    public AuctioneerProperties {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        batchWindow = batchWindow == null ? Duration.ofMillis(100) : batchWindow;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(15) : leaseTtl;
        writeBatchSize = writeBatchSize == null ? 1000 : writeBatchSize;
        writeConcurrency = writeConcurrency == null ? 2 : writeConcurrency;
        stagingDomains = stagingDomains == null ? List.of("cf-app-staging") : List.copyOf(stagingDomains);
    }
}
