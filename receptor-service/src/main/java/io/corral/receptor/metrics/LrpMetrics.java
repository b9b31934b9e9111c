package io.corral.receptor.metrics;

import io.corral.receptor.api.ActualLrpState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges of how many LRPs are desired and how many instances are in each state. The
 * counts are read at most once per {@link #MAX_AGE}, however often the gauges are
 * scraped.
 */
@Component
public class LrpMetrics {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(LrpMetrics.class);

    private final JdbcTemplate jdbc;

    private Counts counts = new Counts(0, new EnumMap<>(ActualLrpState.class));

    private long readAtNanos;

    private boolean read;

    public LrpMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("corral.desired.lrps", this, m -> m.current().desired())
            .description("Desired LRPs")
            .strongReference(true)
            .register(meters);
        for (ActualLrpState state : ActualLrpState.values()) {
            Gauge.builder("corral.actual.lrps", this, m -> m.current().actual().getOrDefault(state, 0L))
                .tag("state", state.name())
                .description("Actual LRP instances by state")
                .strongReference(true)
                .register(meters);
        }
    }

    /**
     * The counts, read again when they are older than {@link #MAX_AGE}; the last ones if
     * the database fails.
     */
    synchronized Counts current() {
        if (!read || System.nanoTime() - readAtNanos >= MAX_AGE.toNanos()) {
            try {
                counts = readCounts();
            }
            catch (RuntimeException e) {
                log.warn("could not count LRPs for metrics: {}", e.getMessage());
            }
            readAtNanos = System.nanoTime();
            read = true;
        }
        return counts;
    }

    private Counts readCounts() {
        Long desired = jdbc.queryForObject("SELECT count(*) FROM desired_lrps", Long.class);
        Map<ActualLrpState, Long> actual = new EnumMap<>(ActualLrpState.class);
        jdbc.query("SELECT state, count(*) FROM actual_lrps GROUP BY state", row -> {
            actual.put(ActualLrpState.valueOf(row.getString(1)), row.getLong(2));
        });
        return new Counts(desired == null ? 0 : desired, actual);
    }

    record Counts(long desired, Map<ActualLrpState, Long> actual) {
    }

}
