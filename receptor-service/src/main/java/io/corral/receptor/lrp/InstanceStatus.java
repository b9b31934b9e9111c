package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrpState;

/**
 * Where one instance is in its life: the part of an actual LRP that lifecycle transitions
 * change. {@code ports} is the API's JSON array of port mappings, kept as text. An
 * {@code evacuating} instance is one the placement service moves away: it runs on beside
 * its index's replacement.
 */
public record InstanceStatus(String instanceGuid, ActualLrpState state, String cellId, String address, String ports,
        String placementError, long sinceNs, int crashCount, String crashReason, boolean evacuating) {
}
