package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorJson;
import java.util.List;
import tools.jackson.core.type.TypeReference;

/** Between stored actual LRPs and the API's JSON shape. */
public final class ActualLrpMapper {

    private static final TypeReference<List<PortMapping>> PORTS = new TypeReference<>() {
    };

    private ActualLrpMapper() {
    }

    public static ActualLrp toApi(ActualLrpEntity entity) {
        InstanceStatus s = entity.status();
        return new ActualLrp(entity.processGuid(), s.instanceGuid(), s.cellId(), entity.domain(), entity.index(),
                s.address(), parsePorts(s.ports()), s.state(), s.placementError(), s.sinceNs(), s.crashCount(),
                s.crashReason(), s.evacuating(), s.presence(), entity.modificationTag(), entity.tainted());
    }

    public static String portsJson(List<PortMapping> ports) {
        return ports == null ? null : ReceptorJson.mapper().writeValueAsString(ports);
    }

    private static List<PortMapping> parsePorts(String json) {
        return json == null ? List.of() : ReceptorJson.mapper().readValue(json, PORTS);
    }

}
