package io.corral.cell.process;

import io.corral.cell.container.ContainerSpec;
import io.corral.cell.container.InstanceHook;
import io.corral.cell.container.TaskOutcome;
import io.corral.cell.settings.CellProperties.ProcessSettings;
import io.corral.receptor.api.PortMapping;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One container of the {@code process} backend and its life on a thread of its own: an
 * instance runs its setup, then its action, and is reported running once its health check
 * passes within its start timeout; then the check is repeated, and a failed check or an
 * ended action is a crash. A task runs its action and is reported complete with its
 * result file.
 */
final class ProcessContainer {

    private static final Logger log = LoggerFactory.getLogger(ProcessContainer.class);

    /** A monitor action that does not end by itself is a failed check after this. */
    private static final Duration MONITOR_LIMIT = Duration.ofSeconds(30);

    private static final Duration TCP_CHECK_TIMEOUT = Duration.ofSeconds(1);

    private static final int MAX_RESULT_CHARS = 10 * 1024;

    private final ContainerSpec spec;

    private final Path directory;

    private final InstanceLogs logs;

    private final String address;

    private final ProcessSettings settings;

    private final ActionRunner runner;

    private final List<InstanceHook> hooks;

    private final MemoryCgroups cgroups;

    private final ProcessContainers.Ending ending;

    private final Scope scope;

    private volatile boolean hooked;

    private volatile Path cgroup;

    ProcessContainer(ContainerSpec spec, Path directory, InstanceLogs logs, String address, ProcessSettings settings,
            ActionRunner runner, List<InstanceHook> hooks, MemoryCgroups cgroups, ProcessContainers.Ending ending) {
        this.spec = spec;
        this.directory = directory;
        this.logs = logs;
        this.address = address;
        this.settings = settings;
        this.runner = runner;
        this.hooks = hooks;
        this.cgroups = cgroups;
        this.ending = ending;
        this.scope = new Scope(settings.stopGracePeriod());
    }

    void begin() {
        Thread life = new Thread(this::live, "cell-container-" + spec.id());
        life.setDaemon(true);
        life.start();
    }

    /** Stops everything the container runs and removes its directory. */
    void end() {
        scope.cancel();
        if (hooked) {
            hooks.forEach(hook -> tell(() -> hook.stopped(spec.id())));
        }
        logs.trim();
        ProcessContainers.deleteTree(directory);
        if (cgroup != null) {
            cgroups.remove(cgroup);
        }
    }

    /** Keeps its logs near their limit ({@link InstanceLogs#trim()}). */
    void trimLogs() {
        logs.trim();
    }

    private void live() {
        try {
            Files.createDirectories(directory.resolve("tmp"));
            List<PortMapping> ports = hostPorts(spec.ports());
            if (cgroups != null && spec.limits().memoryMb() > 0) {
                cgroup = cgroups.create(spec.id(), spec.limits().memoryMb());
            }
            ActionContext context = new ActionContext(directory, CfEnvironment.of(spec, directory, address, ports),
                    logs, scope, cgroup);
            if (spec.kind() == ContainerSpec.Kind.TASK) {
                runTask(context);
            }
            else {
                runInstance(context, ports);
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("container {} could not run: {}", spec.id(), e.toString());
            finish(() -> failure("the cell could not run it: " + e.getMessage()));
        }
    }

    private void runTask(ActionContext context) {
        Outcome outcome = runner.run(spec.action(), context);
        TaskOutcome result = outcome.succeeded() ? TaskOutcome.succeeded(resultFile(context))
                : TaskOutcome.failed(failure(outcome));
        finish(() -> ending.listener().completed(result));
    }

    private void runInstance(ActionContext context, List<PortMapping> ports) {
        if (spec.sshRoute() != null) {
            InstanceHook.StartedInstance started = new InstanceHook.StartedInstance(spec.id(), spec.processGuid(),
                    spec.index(), directory, context.environment(), ports, spec.sshRoute(), spec.action());
            hooked = true;
            hooks.forEach(hook -> tell(() -> hook.started(started)));
        }
        if (spec.setup() != null && !spec.setup().isNull()) {
            Outcome setup = runner.run(spec.setup(), context);
            if (!setup.succeeded()) {
                crash("setup failed: " + setup.failure());
                return;
            }
        }
        CompletableFuture<Outcome> action = CompletableFuture.supplyAsync(() -> runner.run(spec.action(), context),
                runnable -> {
                    Thread thread = new Thread(runnable, "cell-action-" + spec.id());
                    thread.setDaemon(true);
                    thread.start();
                });
        String notStarted = awaitHealthy(context, ports, action);
        if (notStarted != null) {
            crash(notStarted);
            return;
        }
        if (!ending.held()) {
            return;
        }
        ending.listener().running(ports);
        crash(awaitFailure(context, ports, action));
    }

    /** Null once the check passed; otherwise why the instance never got healthy. */
    private String awaitHealthy(ActionContext context, List<PortMapping> ports, CompletableFuture<Outcome> action) {
        boolean bounded = !spec.startTimeout().isZero();
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (ending.held()) {
            if (action.isDone()) {
                return exited(action.join());
            }
            String failed = check(context, ports);
            if (failed == null) {
                return null;
            }
            if (bounded && System.nanoTime() - deadline > 0) {
                String reason = "Instance never healthy after " + spec.startTimeout().toSeconds() + "s: " + failed;
                logs.system(reason);
                return reason;
            }
            if (ended(action, settings.startupCheckInterval())) {
                return exited(action.join());
            }
        }
        return null;
    }

    private String awaitFailure(ActionContext context, List<PortMapping> ports, CompletableFuture<Outcome> action) {
        while (ending.held()) {
            if (ended(action, settings.monitorInterval())) {
                return exited(action.join());
            }
            String failed = check(context, ports);
            if (failed != null) {
                String reason = "Instance became unhealthy: " + failed;
                logs.system(reason);
                return reason;
            }
            String overDisk = DiskUse.overLimit(directory, spec.limits().diskMb());
            if (overDisk != null) {
                logs.system(overDisk);
                return "APP/PROC/WEB: " + overDisk;
            }
        }
        return null;
    }

    private String exited(Outcome outcome) {
        return "APP/PROC/WEB: " + (outcome.succeeded() ? "Exited with status 0" : failure(outcome));
    }

    /** Why an action failed, saying so when the kernel killed it for its memory. */
    private String failure(Outcome outcome) {
        return cgroup != null && cgroups.outOfMemory(cgroup) ? outcome.failure() + " (out of memory)"
                : outcome.failure();
    }

    private static boolean ended(CompletableFuture<Outcome> action, Duration wait) {
        try {
            action.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** Null when healthy, else what failed. */
    private String check(ActionContext context, List<PortMapping> ports) {
        if (spec.monitor() != null && !spec.monitor().isNull()) {
            ObjectNode bounded = JsonNodeFactory.instance.objectNode();
            bounded.putObject("timeout").put("timeout_ms", MONITOR_LIMIT.toMillis()).set("action", spec.monitor());
            Outcome outcome = runner.run(bounded, context.within(scope.child()));
            return outcome.succeeded() ? null : outcome.failure();
        }
        if (ports.isEmpty()) {
            return null;
        }
        return tcpCheck(ports.get(0).hostPort());
    }

    private String tcpCheck(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) TCP_CHECK_TIMEOUT.toMillis());
            return null;
        }
        catch (IOException e) {
            return "failed to connect to port " + port + ": " + e.getMessage();
        }
    }

    private void crash(String reason) {
        if (reason != null) {
            finish(() -> ending.listener().crashed(reason));
        }
    }

    private void failure(String reason) {
        if (spec.kind() == ContainerSpec.Kind.TASK) {
            ending.listener().completed(TaskOutcome.failed(reason));
        }
        else {
            ending.listener().crashed(reason);
        }
    }

    /**
     * Ends the container and reports why, only if it is still held (a stopped one says
     * nothing). It stays held until the report is made, so the agent never takes it for
     * lost meanwhile.
     */
    private void finish(Runnable report) {
        if (!ending.held()) {
            return;
        }
        scope.cancel();
        logs.trim();
        report.run();
        if (ending.release()) {
            end();
        }
    }

    private String resultFile(ActionContext context) {
        if (spec.resultFile() == null || spec.resultFile().isEmpty()) {
            return "";
        }
        try (InputStream in = Files.newInputStream(context.resolve(spec.resultFile()))) {
            String text = new String(in.readNBytes(MAX_RESULT_CHARS * 4), StandardCharsets.UTF_8);
            return text.length() > MAX_RESULT_CHARS ? text.substring(0, MAX_RESULT_CHARS) : text;
        }
        catch (IOException | IllegalArgumentException e) {
            logs.system("no result file " + spec.resultFile() + ": " + e.getMessage());
            return "";
        }
    }

    /**
     * A free host port for each container port: all are held open until every one is
     * chosen, so none is chosen twice.
     */
    private static List<PortMapping> hostPorts(List<Integer> containerPorts) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<PortMapping> ports = new ArrayList<>();
            for (int containerPort : containerPorts) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports.add(new PortMapping(containerPort, socket.getLocalPort()));
            }
            return ports;
        }
        finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException e) {
            log.warn("an instance hook failed for {}: {}", spec.id(), e.toString());
        }
    }

}
