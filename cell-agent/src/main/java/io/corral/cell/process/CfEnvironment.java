package io.corral.cell.process;

import io.corral.cell.container.ContainerSpec;
import io.corral.receptor.api.EnvironmentVariable;
import io.corral.receptor.api.PortMapping;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment of a container's processes: a plain {@code PATH} and {@code HOME} (its
 * directory), the LRP's or task's variables, and what Cloud Foundry adds for an instance;
 * last the container's directory again as {@link LeftoverProcesses#MARKER}, which neither
 * the LRP's variables nor a {@code run} action's can change. Without a network namespace
 * an app binds the host port itself, so {@code PORT} and {@code CF_INSTANCE_PORT} are the
 * host port mapped to the first container port; {@code CF_INSTANCE_PORTS} lists every
 * mapping as Cloud Foundry does.
 */
final class CfEnvironment {

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private CfEnvironment() {
    }

    static Map<String, String> of(ContainerSpec spec, Path directory, String address, List<PortMapping> ports) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", directory.toString());
        env.put("TMPDIR", directory.resolve("tmp").toString());
        for (EnvironmentVariable variable : spec.env()) {
            env.put(variable.name(), variable.value() == null ? "" : variable.value());
        }
        env.put(LeftoverProcesses.MARKER, directory.toString());
        env.put("CF_INSTANCE_IP", address);
        env.put("CF_INSTANCE_INTERNAL_IP", address);
        if (spec.kind() == ContainerSpec.Kind.INSTANCE) {
            env.put("INSTANCE_INDEX", Integer.toString(spec.index()));
            env.put("CF_INSTANCE_INDEX", Integer.toString(spec.index()));
            env.put("INSTANCE_GUID", spec.id());
            env.put("CF_INSTANCE_GUID", spec.id());
            env.put("CF_INSTANCE_PORTS", portsJson(ports));
            if (!ports.isEmpty()) {
                String hostPort = Integer.toString(ports.get(0).hostPort());
                env.put("PORT", hostPort);
                env.put("CF_INSTANCE_PORT", hostPort);
                env.put("CF_INSTANCE_ADDR", address + ":" + hostPort);
            }
        }
        return env;
    }

    static String portsJson(List<PortMapping> ports) {
        return ports.stream()
            .map(port -> "{\"external\":" + port.hostPort() + ",\"internal\":" + port.containerPort() + "}")
            .collect(Collectors.joining(",", "[", "]"));
    }

}
