package io.corral.testsupport;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Assignment;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.api.Task;
import io.corral.receptor.client.ReceptorClient;
import io.corral.receptor.client.ReceptorJson;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Valid receptor API requests to start from; tests change only what they are about. */
public final class ApiFixtures {

    private ApiFixtures() {
    }

    public static JsonNode runAction(String path) {
        return ReceptorJson.mapper().readTree("{\"run\": {\"path\": \"" + path + "\", \"user\": \"vcap\"}}");
    }

    public static DesiredLrp desiredLrp(String processGuid, int instances) {
        return desiredLrp(processGuid, "cf-apps", instances, List.of());
    }

    public static DesiredLrp desiredLrp(String processGuid, String domain, int instances, List<String> placementTags) {
        return desiredLrpBuilder(processGuid).domain(domain).instances(instances).placementTags(placementTags).build();
    }

    /**
     * A valid web app of one instance in {@code cf-apps}, routed at
     * {@code <processGuid>.example.com}.
     */
    public static DesiredLrp.Builder desiredLrpBuilder(String processGuid) {
        JsonNode routes = ReceptorJson.mapper()
            .readTree("[{\"hostnames\": [\"" + processGuid + ".example.com\"], \"port\": 8080}]");
        return DesiredLrp.builder()
            .processGuid(processGuid)
            .domain("cf-apps")
            .rootfs("preloaded:cflinuxfs4")
            .instances(1)
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
            .appGuid("app-" + processGuid);
    }

    public static Task task(String taskGuid, String completionCallbackUrl) {
        return task(taskGuid, runAction("/bin/migrate"), null, completionCallbackUrl);
    }

    public static Task task(String taskGuid, JsonNode action, String annotation, String completionCallbackUrl) {
        return new Task(taskGuid, "cf-tasks", "preloaded:cflinuxfs4", action, List.of(), 10, 512, 128, false, taskGuid,
                "TASK", taskGuid, "/tmp/result", completionCallbackUrl, annotation, List.of(), List.of(), "space-1",
                "app-1", null, null, null, null, null, null, null, null);
    }

    public static Cell cell(String cellId, String zone, List<String> placementTags) {
        return cell(cellId, zone, placementTags, 30);
    }

    public static Cell cell(String cellId, String zone, List<String> placementTags, int ttlSeconds) {
        return new Cell(cellId, zone, "http://" + cellId + ".cells:1800", new CellCapacity(16_384, 65_536, 250),
                placementTags, List.of(), List.of("preloaded:cflinuxfs4", "docker"), ttlSeconds, null);
    }

    /**
     * Drives an UNCLAIMED instance to RUNNING on {@code cellId}: assigned, claimed,
     * started.
     */
    public static ActualLrp runInstance(ReceptorClient receptor, String cellId, String processGuid, int index) {
        ActualLrp unclaimed = receptor.actualLrp(processGuid, index);
        return claimAndStart(receptor,
                receptor.assign(processGuid, index, new Assignment(unclaimed.instanceGuid(), cellId, null)));
    }

    /**
     * What a cell does with an instance placed on it: claims it, then reports it RUNNING.
     */
    public static ActualLrp claimAndStart(ReceptorClient receptor, ActualLrp assigned) {
        ActualLrp claimed = receptor.transition(assigned.cellId(), assigned.processGuid(), assigned.index(), "claim",
                transition(assigned));
        return receptor.transition(claimed.cellId(), claimed.processGuid(), claimed.index(), "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.9",
                        List.of(new PortMapping(8080, 61000)), null, null));
    }

    /**
     * The placement decision that puts {@code lrp}, the incarnation it names, on
     * {@code cellId}.
     */
    public static LrpAssignment assignment(ActualLrp lrp, String cellId) {
        return new LrpAssignment(lrp.processGuid(), lrp.index(), lrp.instanceGuid(), cellId, null);
    }

    /** A cell's report naming the instance as {@code lrp} shows it, with nothing else. */
    public static InstanceTransition transition(ActualLrp lrp) {
        return new InstanceTransition(lrp.instanceGuid(), lrp.modificationTag(), null, null, null, null);
    }

}
