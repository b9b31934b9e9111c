package io.corral.benchmarks;

import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.client.ReceptorJson;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the benchmarks ask of the receptor: a Cloud Controller's LRPs and the cells they
 * run on. The benchmarks' own, not the tests' fixtures, so changing a test never changes
 * what is measured.
 */
final class Workload {

    private Workload() {
    }

    static JsonNode runAction(String path) {
        return ReceptorJson.mapper().readTree("{\"run\": {\"path\": \"" + path + "\", \"user\": \"vcap\"}}");
    }

    /** An app's web process: 1 GB of disk, 256 MB of memory, one route. */
    static DesiredLrp desiredLrp(String processGuid, int instances) {
        JsonNode routes = ReceptorJson.mapper()
            .readTree("[{\"hostnames\": [\"" + processGuid + ".example.com\"], \"port\": 8080}]");
        return DesiredLrp.builder()
            .processGuid(processGuid)
            .domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4")
            .instances(instances)
            .env(List.of())
            .action(runAction("/app/start"))
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
