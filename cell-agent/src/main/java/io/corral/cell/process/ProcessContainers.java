package io.corral.cell.process;

import io.corral.cell.container.ContainerListener;
import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.Containers;
import io.corral.cell.container.InstanceHook;
import io.corral.cell.container.LogStream;
import io.corral.cell.settings.CellProperties.ProcessSettings;
import io.corral.support.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The {@code process} backend: each container a directory under
 * {@code <work directory>/containers} and the process groups its action tree starts; its
 * logs under {@code <work directory>/logs}, trimmed every second while the container is
 * held and kept for the last {@value #ENDED_LOGS_KEPT} containers that ended too.
 */
public final class ProcessContainers implements Containers {

    static final int ENDED_LOGS_KEPT = 50;

    private static final Duration LOG_TRIM_INTERVAL = Duration.ofSeconds(1);

    private final Path containersDirectory;

    private final Path logsDirectory;

    private final String address;

    private final ProcessSettings settings;

    private final ActionRunner runner;

    private final List<InstanceHook> hooks;

    private final MemoryCgroups cgroups;

    private final Map<String, ProcessContainer> held = new ConcurrentHashMap<>();

    private final Deque<String> endedLogs = new ArrayDeque<>();

    private final ScheduledExecutorService logTrimmer = Executors
        .newSingleThreadScheduledExecutor(Threads.daemon("cell-log-trim"));

    /**
     * @param cgroups where containers' memory is limited, or null where it is not
     */
    public ProcessContainers(Path workDirectory, String address, ProcessSettings settings, ActionRunner runner,
            List<InstanceHook> hooks, MemoryCgroups cgroups) {
        this.containersDirectory = workDirectory.toAbsolutePath().normalize().resolve("containers");
        this.logsDirectory = workDirectory.toAbsolutePath().normalize().resolve("logs");
        this.address = address;
        this.settings = settings;
        this.runner = runner;
        this.hooks = List.copyOf(hooks);
        this.cgroups = cgroups;
        // What an earlier run of the agent left is no longer anybody's: the receptor
        // hears of
        // its instances as lost at the first reading of the cell's work.
        LeftoverProcesses.kill(containersDirectory);
        deleteTree(containersDirectory);
        if (cgroups != null) {
            cgroups.removeLeftovers();
        }
        deleteTree(logsDirectory);
        logTrimmer.scheduleWithFixedDelay(() -> held.values().forEach(ProcessContainer::trimLogs),
                LOG_TRIM_INTERVAL.toMillis(), LOG_TRIM_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start(ContainerSpec spec, ContainerListener listener) {
        ProcessContainer container = new ProcessContainer(spec, containersDirectory.resolve(spec.id()),
                new InstanceLogs(logsDirectory.resolve(spec.id()), settings.logLimitBytes()), address, settings, runner,
                hooks, cgroups, new Ending(spec.id(), listener));
        if (held.putIfAbsent(spec.id(), container) == null) {
            container.begin();
        }
    }

    @Override
    public void stop(String id) {
        ProcessContainer container = held.remove(id);
        if (container != null) {
            container.end();
            ended(id);
        }
    }

    @Override
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    @Override
    public Optional<String> logs(String id, LogStream stream) {
        Path directory = logsDirectory.resolve(id).normalize();
        if (!directory.startsWith(logsDirectory) || !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InstanceLogs.read(directory, stream.fileName()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stopAll() {
        held.keySet().forEach(this::stop);
    }

    private void ended(String id) {
        String dropped = null;
        synchronized (endedLogs) {
            endedLogs.addLast(id);
            if (endedLogs.size() > ENDED_LOGS_KEPT) {
                dropped = endedLogs.removeFirst();
            }
        }
        if (dropped != null) {
            deleteTree(logsDirectory.resolve(dropped));
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            // what cannot be deleted stays; the next start of the agent tries again
        }
    }

    /**
     * Passes on how a container ended only while it is still held: a stopped container
     * reports nothing.
     */
    final class Ending {

        private final String id;

        private final ContainerListener listener;

        Ending(String id, ContainerListener listener) {
            this.id = id;
            this.listener = listener;
        }

        ContainerListener listener() {
            return listener;
        }

        boolean held() {
            return ProcessContainers.this.held.containsKey(id);
        }

        /**
         * Releases the container; true when it was still held, so its end is to be told.
         */
        boolean release() {
            ProcessContainer container = ProcessContainers.this.held.remove(id);
            if (container == null) {
                return false;
            }
            ended(id);
            return true;
        }

    }

}
