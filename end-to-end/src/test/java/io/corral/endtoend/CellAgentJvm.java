package io.corral.endtoend;

import io.corral.cell.CellAgentApplication;
import io.corral.support.FreePorts;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell agent of the {@code process} backend, run as an operator runs it: a JVM of its
 * own (so it can be stopped with SIGTERM or killed), its instances real processes of this
 * machine working in {@code <directory>/work/containers/<instance guid>}.
 */
final class CellAgentJvm {

    private final String cellId;

    private final Path directory;

    private final ChildJvm jvm;

    private CellAgentJvm(String cellId, Path directory, ChildJvm jvm) {
        this.cellId = cellId;
        this.directory = directory;
        this.jvm = jvm;
    }

    /**
     * Starts the agent of {@code cellId} in {@code zone} against {@code receptor}, in a
     * directory of its own under {@code parent}; it trusts and mints the test issuer's
     * tokens. {@code settings} ({@code corral.cell.*} and the like) go on top of the
     * short intervals every agent here runs with.
     */
    static CellAgentJvm start(Path parent, String cellId, String zone, URI receptor, Map<String, String> settings) {
        Path directory = parent.resolve(cellId).toAbsolutePath();
        Map<String, String> all = new LinkedHashMap<>(TestTokens.properties());
        all.put("server.port", String.valueOf(FreePorts.pick()));
        all.put("corral.receptor.url", receptor.toString());
        all.put("corral.cell.id", cellId);
        all.put("corral.cell.zone", zone);
        all.put("corral.cell.work-directory", directory.resolve("work").toString());
        all.put("corral.cell.reconcile-interval", "5s");
        all.put("corral.cell.process.startup-check-interval", "200ms");
        all.put("corral.cell.process.monitor-interval", "2s");
        all.put("corral.cell.process.stop-grace-period", "2s");
        all.put("logging.level.root", "WARN");
        all.put("logging.level.io.corral", "INFO");
        all.putAll(settings);
        List<String> args = new ArrayList<>();
        all.forEach((name, value) -> args.add("--" + name + "=" + value));
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CellAgentJvm(cellId, directory,
                ChildJvm.start(directory, Map.of(), CellAgentApplication.class, args.toArray(String[]::new)));
    }

    String cellId() {
        return cellId;
    }

    /** The directory an instance or task of this cell runs in. */
    Path containerDirectory(String guid) {
        return directory.resolve("work").resolve("containers").resolve(guid);
    }

    /** SIGTERM, as a service manager stops it. */
    void terminate() {
        jvm.terminate();
    }

    /** SIGKILL: the agent is gone at once, the processes it started live on. */
    void kill() {
        jvm.kill();
    }

    boolean exitsWithin(Duration limit) {
        return jvm.exitsWithin(limit);
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    String output() {
        return jvm.output();
    }

    /**
     * Kills every process still working in this cell's directory: what a killed agent
     * left running (it cannot stop them, and the next agent does not know them).
     */
    void killLeftProcesses() {
        Path containers = directory.resolve("work").resolve("containers");
        ProcessHandle.allProcesses()
            .filter(process -> workingDirectory(process).map(cwd -> cwd.startsWith(containers)).orElse(false))
            .forEach(ProcessHandle::destroyForcibly);
    }

    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd")));
        }
        catch (IOException | SecurityException e) {
            // Gone meanwhile, or not ours to read.
            return Optional.empty();
        }
    }

}
