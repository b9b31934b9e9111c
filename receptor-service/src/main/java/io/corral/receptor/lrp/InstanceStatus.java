package io.corral.receptor.lrp;

import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;

/**
 * Where one instance is in its life: the part of an actual LRP that lifecycle transitions
 * change. {@code ports} is the API's JSON array of port mappings, kept as text. An
 * {@linkplain ActualLrpPresence#ORDINARY ordinary} instance is its index's current one;
 * an evacuating one (the placement service moves it away) or a suspect one (its cell
 * stopped heartbeating) runs on beside its index's replacement.
 */
public record InstanceStatus(String instanceGuid, ActualLrpState state, String cellId, String address, String ports,
        String placementError, long sinceNs, int crashCount, String crashReason, ActualLrpPresence presence) {

    public boolean ordinary() {
        return presence == ActualLrpPresence.ORDINARY;
    }

    public boolean evacuating() {
        return presence == ActualLrpPresence.EVACUATING;
    }

    public boolean suspect() {
        return presence == ActualLrpPresence.SUSPECT;
    }

    InstanceStatus withPresence(ActualLrpPresence presence) {
        return new InstanceStatus(instanceGuid, state, cellId, address, ports, placementError, sinceNs, crashCount,
                crashReason, presence);
    }

}
