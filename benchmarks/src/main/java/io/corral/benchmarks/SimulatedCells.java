package io.corral.benchmarks;

import io.corral.cell.agent.CellAgent;
import io.corral.cell.settings.CellProperties.SimulatedSettings;
import io.corral.cell.simulated.SimulatedContainers;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.client.ReceptorClient;
import io.corral.support.Threads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cells in this JVM: each the cell agent's own core ({@link CellAgent}: heartbeat, work
 * long poll, claim, start, reports) over the {@code simulated} backend, with its own
 * timer thread as a cell agent of its own has, all sharing one HTTP client to the
 * receptor. A killed cell stops at once and says nothing, as a crashed agent does.
 */
final class SimulatedCells implements AutoCloseable {

    /** The agent's own request timeout: its long poll waits up to a minute. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private static final int MEMORY_MB = 64 * 1024;

    private static final int DISK_MB = 256 * 1024;

    private record Agent(CellAgent agent, ScheduledExecutorService timer) {
    }

    private final Map<String, String> zoneOfCell = new LinkedHashMap<>();

    private final Map<String, Agent> agents = new LinkedHashMap<>();

    private SimulatedCells() {
    }

    /**
     * Makes and starts {@code options.cells()} cells: {@code cell-z1-0000},
     * {@code cell-z2-0001}, ... round the zones.
     */
    static SimulatedCells start(CellsOptions options, URI receptor, String token) {
        HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SimulatedSettings simulated = new SimulatedSettings(Duration.ofMillis(options.startDelayMs()), 0.0);
        SimulatedCells cells = new SimulatedCells();
        for (int c = 0; c < options.cells(); c++) {
            String zone = "z" + (c % options.zones() + 1);
            String cellId = String.format(Locale.ROOT, "cell-%s-%04d", zone, c);
            Cell heartbeat = new Cell(cellId, zone, "http://" + cellId + ".cells:1800",
                    new CellCapacity(MEMORY_MB, DISK_MB, CellsOptions.CONTAINERS_PER_CELL), List.of(), List.of(),
                    List.of("preloaded:cflinuxfs4"), options.ttlSeconds(), null);
            ScheduledExecutorService timer = Executors
                .newSingleThreadScheduledExecutor(Threads.daemon("cell-simulated-" + cellId));
            CellAgent agent = new CellAgent(heartbeat, "10.0." + c / 250 + "." + c % 250,
                    new ReceptorClient(http, receptor, () -> token, REQUEST_TIMEOUT),
                    new SimulatedContainers(simulated, new Random(c), timer),
                    Duration.ofSeconds(options.reconcileSeconds()), meters);
            cells.zoneOfCell.put(cellId, zone);
            cells.agents.put(cellId, new Agent(agent, timer));
        }
        cells.agents.values().forEach(a -> a.agent().start());
        return cells;
    }

    /** Every cell made, killed or not, and its zone. */
    Map<String, String> zoneOfCell() {
        return zoneOfCell;
    }

    /**
     * {@code count} cells drawn with {@code seed}: the same options always kill the same
     * cells.
     */
    List<String> choose(int count, long seed) {
        List<String> ids = new ArrayList<>(agents.keySet());
        Collections.shuffle(ids, new Random(seed));
        return List.copyOf(ids.subList(0, count));
    }

    /**
     * Stops these cells' agents all at once, each on a thread of its own: no more
     * heartbeats, work or reports. Returns once all have stopped.
     */
    void kill(Collection<String> cellIds) {
        List<Agent> doomed = cellIds.stream().map(agents::remove).toList();
        ExecutorService killers = Executors.newFixedThreadPool(doomed.size(), Threads.daemon("cell-killer"));
        try {
            doomed.forEach(agent -> killers.submit(() -> stop(agent)));
        }
        finally {
            killers.shutdown();
            awaitTermination(killers);
        }
    }

    @Override
    public void close() {
        agents.values().forEach(SimulatedCells::stop);
        agents.clear();
    }

    private static void stop(Agent agent) {
        agent.agent().stop();
        agent.timer().shutdownNow();
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the killed cells' agents did not stop within a minute");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
