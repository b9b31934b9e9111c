package io.corral.cell.container;

import io.corral.receptor.api.EnvironmentVariable;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What to run in one container: an instance of a desired LRP (with {@code index},
 * {@code ports}, a {@code monitor} and a {@code startTimeout}) or a task (with a
 * {@code resultFile}).
 *
 * @param id the instance guid, or the task guid
 * @param processGuid the LRP's process guid; null for a task
 * @param setup run before {@code action}; may be null
 * @param monitor an instance's health check; null means a TCP check of its first port
 * @param env the LRP's or task's environment
 * @param ports the container ports to map to host ports
 * @param sshRoute the LRP's {@code diego-ssh} route, or null
 * @param limits the memory and disk it may use
 */
public record ContainerSpec(String id, Kind kind, String processGuid, int index, JsonNode setup, JsonNode action,
        JsonNode monitor, List<EnvironmentVariable> env, List<Integer> ports, Duration startTimeout, String resultFile,
        JsonNode sshRoute, ResourceLimits limits) {

    public ContainerSpec {
        env = env == null ? List.of() : List.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
        limits = limits == null ? ResourceLimits.NONE : limits;
    }

    public enum Kind {

        INSTANCE, TASK

    }

}
