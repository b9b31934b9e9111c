package io.corral.cell.agent;

import io.corral.cell.container.Containers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What a cell agent counts (docs/cell-agent.md#metrics). */
final class CellMetrics {

    private final Counter instanceStarts;

    private final Counter instanceCrashes;

    private final Counter tasksCompleted;

    private final Counter heartbeatFailures;

    private final Counter reportFailures;

    CellMetrics(MeterRegistry meters, String cellId, Containers containers) {
        this.instanceStarts = Counter.builder("corral.cell.instances.started")
            .description("instances reported RUNNING")
            .tag("cell", cellId)
            .register(meters);
        this.instanceCrashes = Counter.builder("corral.cell.instances.crashed")
            .description("instances reported crashed (exited, unhealthy, never healthy, lost)")
            .tag("cell", cellId)
            .register(meters);
        this.tasksCompleted = Counter.builder("corral.cell.tasks.completed")
            .description("tasks reported complete")
            .tag("cell", cellId)
            .register(meters);
        this.heartbeatFailures = Counter.builder("corral.cell.heartbeat.failures")
            .description("heartbeats the receptor did not take")
            .tag("cell", cellId)
            .register(meters);
        this.reportFailures = Counter.builder("corral.cell.reports.failures")
            .description("instance or task reports the receptor did not take")
            .tag("cell", cellId)
            .register(meters);
        Gauge.builder("corral.cell.containers", containers, held -> held.held().size())
            .description("containers the cell holds")
            .tag("cell", cellId)
            .register(meters);
    }

    void instanceStarted() {
        instanceStarts.increment();
    }

    void instanceCrashed() {
        instanceCrashes.increment();
    }

    void taskCompleted() {
        tasksCompleted.increment();
    }

    void heartbeatFailed() {
        heartbeatFailures.increment();
    }

    void reportFailed() {
        reportFailures.increment();
    }

}
