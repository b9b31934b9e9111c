package io.corral.cell.simulated;

import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.Containers;
import io.corral.cell.container.LogStream;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.settings.CellProperties.SimulatedSettings;
import io.corral.receptor.api.PortMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The {@code simulated} backend: no processes. An instance is reported running after the
 * start delay with made-up host ports, or, at the crash rate, crashed instead; a task
 * completes after the delay. Everything lives in the object, so one JVM can hold many
 * cells, each with its own.
 */
public final class SimulatedContainers implements Containers {

    private static final int FIRST_HOST_PORT = 61000;

    private static final int HOST_PORTS = 4000;

    private final SimulatedSettings settings;

    private final RandomGenerator random;

    private final ScheduledExecutorService timer;

    private final Map<String, ContainerListener> held = new ConcurrentHashMap<>();

    private final AtomicInteger nextPort = new AtomicInteger();

    public SimulatedContainers(SimulatedSettings settings, RandomGenerator random, ScheduledExecutorService timer) {
        this.settings = settings;
        this.random = random;
        this.timer = timer;
    }

    @Override
    public void start(ContainerSpec spec, ContainerListener listener) {
        if (held.putIfAbsent(spec.id(), listener) == null) {
            timer.schedule(() -> started(spec), settings.startDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void started(ContainerSpec spec) {
        ContainerListener listener = held.get(spec.id());
        if (listener == null) {
            return;
        }
        // A container stays held until its end is reported, so the agent never takes it
        // for lost.
        if (spec.kind() == ContainerSpec.Kind.TASK) {
            listener.completed(TaskOutcome.succeeded(""));
            held.remove(spec.id(), listener);
        }
        else if (crashes()) {
            listener.crashed("APP/PROC/WEB: Exited with status 1 (simulated crash)");
            held.remove(spec.id(), listener);
        }
        else {
            listener.running(ports(spec.ports()));
        }
    }

    private synchronized boolean crashes() {
        return random.nextDouble() < settings.crashRate();
    }

    private List<PortMapping> ports(List<Integer> containerPorts) {
        return containerPorts.stream()
            .map(port -> new PortMapping(port, FIRST_HOST_PORT + Math.floorMod(nextPort.getAndIncrement(), HOST_PORTS)))
            .toList();
    }

    @Override
    public void stop(String id) {
        held.remove(id);
    }

    @Override
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    @Override
    public Optional<String> logs(String id, LogStream stream) {
        return Optional.empty();
    }

    @Override
    public void stopAll() {
        held.clear();
    }

}
