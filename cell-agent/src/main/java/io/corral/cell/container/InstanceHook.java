package io.corral.cell.container;

import io.corral.receptor.api.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Something that lives beside an instance for as long as it runs, such as its SSH server.
 * Every hook bean is told when an instance with a {@code diego-ssh} route has been
 * started (its directory made and its host ports chosen, before its health check) and
 * when it stops, for whatever reason. A hook that throws does not stop the instance.
 */
public interface InstanceHook {

    void started(StartedInstance instance);

    void stopped(String instanceGuid);

    /**
     * @param directory the instance's directory
     * @param environment the environment its processes get
     * @param ports its container ports and the host ports mapped to them
     * @param sshRoute the LRP's {@code diego-ssh} route: {@code container_port},
     * {@code private_key} (the key the SSH proxy logs in to the instance with, so its
     * public half is the authorized key), {@code host_fingerprint} (of the host key the
     * proxy expects), {@code user}
     * @param action the LRP's action: a Cloud Controller passes the instance's host key
     * and authorized key there, as the {@code -hostKey} and {@code -authorizedKey}
     * arguments of its {@code diego-sshd} run
     */
    record StartedInstance(String instanceGuid, String processGuid, int index, Path directory,
            Map<String, String> environment, List<PortMapping> ports, JsonNode sshRoute, JsonNode action) {

        /** The host port mapped to {@code containerPort}, or -1. */
        public int hostPort(int containerPort) {
            return ports.stream()
                .filter(port -> port.containerPort() == containerPort)
                .mapToInt(PortMapping::hostPort)
                .findFirst()
                .orElse(-1);
        }

    }

}
