package io.corral.receptor.api;

import java.util.List;

/**
 * One instance of a desired LRP, as it is on (or on its way to) a cell. {@code since} is
 * in ns.
 */
public record ActualLrp(String processGuid, String instanceGuid, String cellId, String domain, int index,
        String address, List<PortMapping> ports, ActualLrpState state, String placementError, long since,
        int crashCount, String crashReason, boolean evacuating, ModificationTag modificationTag) {
}
