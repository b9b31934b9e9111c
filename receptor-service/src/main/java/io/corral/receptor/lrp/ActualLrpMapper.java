package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ModificationTag;
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
        return toApi(entity.processGuid(), entity.index(), entity.domain(), entity.status(), entity.modificationTag(),
                entity.tainted());
    }

    static ActualLrp toApi(String processGuid, int index, String domain, InstanceStatus s, ModificationTag tag,
            boolean tainted) {
        return new ActualLrp(processGuid, s.instanceGuid(), s.cellId(), domain, index, s.address(),
                parsePorts(s.ports()), s.state(), s.placementError(), s.sinceNs(), s.crashCount(), s.crashReason(),
                s.evacuating(), s.presence(), tag, tainted);
    }

    public static String portsJson(List<PortMapping> ports) {
        return ports == null ? null : ReceptorJson.mapper().writeValueAsString(ports);
    }

    private static List<PortMapping> parsePorts(String json) {
        return json == null ? List.of() : ReceptorJson.mapper().readValue(json, PORTS);
    }

}
