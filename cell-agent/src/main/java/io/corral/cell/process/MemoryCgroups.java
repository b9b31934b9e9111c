package io.corral.cell.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory limits through the host's cgroups: each container in a cgroup of its own under
 * {@code corral/<cell id>}, limited to its {@code memory_mb} with no swap, in the cgroup
 * v2 hierarchy where it offers the memory controller, else in the cgroup v1 memory
 * hierarchy. A process joins its container's cgroup before it runs the program (see
 * {@link OsProcessStarter}), so everything it starts is counted too; past the limit the
 * kernel's OOM killer ends it.
 */
public final class MemoryCgroups {

    private static final Logger log = LoggerFactory.getLogger(MemoryCgroups.class);

    private static final long MIB = 1024L * 1024;

    /**
     * Where the two hierarchies keep the limit, the swap limit and the OOM kill count.
     */
    enum Version {

        V1("memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "memory.oom_control"),
        V2("memory.max", "memory.swap.max", "memory.events");

        private final String limit;

        private final String swapLimit;

        private final String oomEvents;

        Version(String limit, String swapLimit, String oomEvents) {
            this.limit = limit;
            this.swapLimit = swapLimit;
            this.oomEvents = oomEvents;
        }

    }

    private final Version version;

    private final Path cell;

    private MemoryCgroups(Version version, Path cell) {
        this.version = version;
        this.cell = cell;
    }

    /**
     * The cgroups this cell's containers go in, made ready, or empty (logged) where the
     * host offers no memory controller the agent may use.
     */
    public static Optional<MemoryCgroups> forCell(String cellId) {
        return forCell(Path.of("/proc/self/mountinfo"), cellId);
    }

    static Optional<MemoryCgroups> forCell(Path mountinfo, String cellId) {
        Optional<Mount> mount = Mount.memoryController(mountinfo);
        if (mount.isEmpty()) {
            log.info("Memory limits are not enforced: the host mounts no cgroup hierarchy with the memory controller");
            return Optional.empty();
        }
        Path root = mount.get().path();
        Path cell = root.resolve("corral").resolve(safeName(cellId));
        try {
            Files.createDirectories(cell);
            if (mount.get().version() == Version.V2) {
                enableMemory(root);
                enableMemory(root.resolve("corral"));
                enableMemory(cell);
            }
        }
        catch (IOException | UncheckedIOException e) {
            log.info("Memory limits are not enforced: cannot use the cgroup hierarchy at {}: {}", root, e.toString());
            return Optional.empty();
        }
        log.info("Memory limits are enforced through cgroup {} at {}", mount.get().version(), cell);
        return Optional.of(new MemoryCgroups(mount.get().version(), cell));
    }

    Version version() {
        return version;
    }

    /**
     * A new cgroup for container {@code id}, limited to {@code memoryMb}; the file its
     * processes write their pid to in order to join is {@code cgroup.procs} in it.
     */
    Path create(String id, int memoryMb) throws IOException {
        Path cgroup = cell.resolve(safeName(id));
        Files.createDirectories(cgroup);
        String bytes = Long.toString(memoryMb * MIB);
        Files.writeString(cgroup.resolve(version.limit), bytes);
        if (Files.exists(cgroup.resolve(version.swapLimit))) {
            Files.writeString(cgroup.resolve(version.swapLimit), version == Version.V1 ? bytes : "0");
        }
        return cgroup;
    }

    /**
     * Whether the kernel killed a process of the cgroup for using more than its limit.
     */
    boolean outOfMemory(Path cgroup) {
        try (Stream<String> lines = Files.lines(cgroup.resolve(version.oomEvents))) {
            return lines.map(line -> line.split(" "))
                .anyMatch(words -> words.length == 2 && words[0].equals("oom_kill") && !words[1].equals("0"));
        }
        catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Removes a container's cgroup once its processes are gone; one that is still busy
     * stays until the next start of the agent ({@link #removeLeftovers}).
     */
    void remove(Path cgroup) {
        try {
            Files.deleteIfExists(cgroup);
        }
        catch (IOException e) {
            log.debug("cgroup {} stays for now: {}", cgroup, e.toString());
        }
    }

    /**
     * Removes the cgroups an earlier run of the agent left (their processes are gone).
     */
    void removeLeftovers() {
        try (Stream<Path> cgroups = Files.list(cell)) {
            cgroups.filter(Files::isDirectory).forEach(this::remove);
        }
        catch (IOException e) {
            log.debug("could not list {}: {}", cell, e.toString());
        }
    }

    private static void enableMemory(Path cgroup) throws IOException {
        Path control = cgroup.resolve("cgroup.subtree_control");
        if (!Files.readString(control).contains("memory")) {
            Files.writeString(control, "+memory");
        }
    }

    /** A cell id or container id as one path segment of the hierarchy. */
    static String safeName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.matches("\\.*") ? "_" + safe : safe;
    }

    /** A mounted cgroup hierarchy that offers the memory controller. */
    record Mount(Version version, Path path) {

        /**
         * From {@code /proc/self/mountinfo}: the v2 hierarchy if it offers the memory
         * controller, else the v1 memory hierarchy.
         */
        static Optional<Mount> memoryController(Path mountinfo) {
            List<String> lines;
            try {
                lines = Files.readAllLines(mountinfo);
            }
            catch (IOException e) {
                return Optional.empty();
            }
            Optional<Mount> v1 = Optional.empty();
            for (String line : lines) {
                String[] halves = line.split(" - ", 2);
                String[] fields = halves[0].split(" ");
                String[] described = halves.length == 2 ? halves[1].split(" ") : new String[0];
                if (fields.length < 5 || described.length < 3) {
                    continue;
                }
                Path path = Path.of(fields[4]);
                if (described[0].equals("cgroup2") && offersMemory(path)) {
                    return Optional.of(new Mount(Version.V2, path));
                }
                if (described[0].equals("cgroup") && List.of(described[2].split(",")).contains("memory")) {
                    v1 = Optional.of(new Mount(Version.V1, path));
                }
            }
            return v1;
        }

        private static boolean offersMemory(Path hierarchy) {
            try {
                return List.of(Files.readString(hierarchy.resolve("cgroup.controllers")).strip().split(" "))
                    .contains("memory");
            }
            catch (IOException e) {
                return false;
            }
        }

    }

}
