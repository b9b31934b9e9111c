package io.corral.cell.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an action tree runs: the container's directory (which stands in for its root),
 * the environment of its processes, its logs, the scope its processes join, the cgroup
 * they join (null where memory is not limited), and the users the directory has been
 * handed over to.
 */
record ActionContext(Path directory, Map<String, String> environment, InstanceLogs logs, Scope scope, Path cgroup,
        Set<String> owners) {

    ActionContext(Path directory, Map<String, String> environment, InstanceLogs logs, Scope scope, Path cgroup) {
        this(directory, environment, logs, scope, cgroup, ConcurrentHashMap.newKeySet());
    }

    ActionContext within(Scope child) {
        return new ActionContext(directory, environment, logs, child, cgroup, owners);
    }

    /**
     * A path of the container inside its directory: absolute ones count from the
     * directory, and none may leave it.
     */
    Path resolve(String containerPath) {
        String relative = containerPath.startsWith("/") ? containerPath.substring(1) : containerPath;
        Path resolved = directory.resolve(relative).normalize();
        if (!resolved.startsWith(directory)) {
            throw new IllegalArgumentException("path leaves the container: " + containerPath);
        }
        return resolved;
    }

}
