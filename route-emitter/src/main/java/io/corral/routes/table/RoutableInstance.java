package io.corral.routes.table;

import java.util.Map;

/**
 * A RUNNING instance with an address, ordinary, evacuating or suspect: the only kind that
 * gets routes.
 *
 * @param hostPorts the host port of each container port
 * @param since when the instance last changed (ns)
 */
public record RoutableInstance(String processGuid, String instanceGuid, int index, String cellId, String address,
        Map<Integer, Integer> hostPorts, long since) {

    public RoutableInstance {
        hostPorts = Map.copyOf(hostPorts);
    }

}
