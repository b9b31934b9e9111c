package io.corral.benchmarks;

import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the benchmarks ask of the receptor: a Cloud Controller's LRPs and the cells they
 * run on. The benchmarks' own, not the tests' fixtures, so changing a test never changes
 * what is measured.
 */
final class Workload {

    /** The start command of every app: built once, as every desire sends the same. */
    private static final JsonNode START = runAction("/app/start");

    private Workload() {
    }

    private static JsonNode runAction(String path) {
        ObjectNode action = JsonNodeFactory.instance.objectNode();
        action.putObject("run").put("path", path).put("user", "vcap");
        return action;
    }

    /**
     * An app's web process: 1 GB of disk, 256 MB of memory, one route. Built without
     * parsing JSON: the benchmarks' clients share the cores with the receptor, and this
     * runs for every desire.
     */
    static DesiredLrp desiredLrp(String processGuid, int instances) {
        ArrayNode routes = JsonNodeFactory.instance.arrayNode();
        ObjectNode route = routes.addObject();
        route.putArray("hostnames").add(processGuid + ".example.com");
        route.put("port", 8080);
        return DesiredLrp.builder()
            .processGuid(processGuid)
            .domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4")
            .instances(instances)
            .env(List.of())
            .action(START)
            .startTimeout(60)
            .cpuWeight(10)
            .diskMb(1024)
            .memoryMb(256)
            .privileged(false)
            .ports(List.of(8080, 2222))
            .routes(Map.of("cf-router", routes))
            .logGuid(processGuid)
            .logSource("APP")
            .metricsGuid(processGuid)
            .egressRules(List.of())
            .placementTags(List.of())
            .spaceGuid("space-1")
            .appGuid("app-" + processGuid)
            .build();
    }

    /**
     * A cell of 16 GB memory, 64 GB disk and 250 containers in zone z1, announced for
     * {@code ttlSeconds}.
     */
    static Cell cell(String cellId, int ttlSeconds) {
        return new Cell(cellId, "z1", "http://" + cellId + ".cells:1800", new CellCapacity(16_384, 65_536, 250),
                List.of(), List.of(), List.of("preloaded:cflinuxfs4", "docker"), ttlSeconds, null);
    }

}
