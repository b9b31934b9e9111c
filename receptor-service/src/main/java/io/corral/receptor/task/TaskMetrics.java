package io.corral.receptor.task;

import io.corral.receptor.api.TaskState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code corral.tasks} tagged by {@code state}: one grouped count per scrape at
 * most every few seconds, shared by the gauges of all states.
 */
@Component
public class TaskMetrics implements MeterBinder {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;

    private Map<TaskState, Long> counts = Map.of();

    private long countedAtNanos;

    public TaskMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TaskState state : TaskState.values()) {
            Gauge.builder("corral.tasks", this, metrics -> metrics.count(state))
                .description("Tasks in each state")
                .tag("state", state.name())
                .register(registry);
        }
    }

    synchronized long count(TaskState state) {
        if (counts.isEmpty() || System.nanoTime() - countedAtNanos > MAX_AGE.toNanos()) {
            Map<TaskState, Long> fresh = new EnumMap<>(TaskState.class);
            for (TaskState s : TaskState.values()) {
                fresh.put(s, 0L);
            }
            jdbc.query("SELECT state, count(*) FROM tasks GROUP BY state",
                    (RowCallbackHandler) row -> fresh.put(TaskState.valueOf(row.getString(1)), row.getLong(2)));
            counts = fresh;
            countedAtNanos = System.nanoTime();
        }
        return counts.get(state);
    }

}
