package io.corral.receptor.api;

import java.util.List;

/**
 * One instance of a desired LRP, as it is on (or on its way to) a cell. {@code since} is
 * in ns. {@code presence} says whether it is its index's current instance or one being
 * replaced; {@code evacuating} is kept for clients that know only that kind.
 * {@code tainted}: an SSH session opened a shell in it or wrote a file to it, so it may
 * no longer be what was pushed.
 */
public record ActualLrp(String processGuid, String instanceGuid, String cellId, String domain, int index,
        String address, List<PortMapping> ports, ActualLrpState state, String placementError, long since,
        int crashCount, String crashReason, boolean evacuating, ActualLrpPresence presence,
        ModificationTag modificationTag, Boolean tainted) {

    /**
     * A receptor from before {@code tainted} or {@code presence} (or an old event) leaves
     * them out: not tainted, and evacuating or else ordinary. {@code presence} decides
     * {@code evacuating}.
     */
    public ActualLrp {
        tainted = Boolean.TRUE.equals(tainted);
        if (presence == null) {
            presence = evacuating ? ActualLrpPresence.EVACUATING : ActualLrpPresence.ORDINARY;
        }
        evacuating = presence == ActualLrpPresence.EVACUATING;
    }

    /** An ordinary or evacuating instance nobody tainted. */
    public ActualLrp(String processGuid, String instanceGuid, String cellId, String domain, int index, String address,
            List<PortMapping> ports, ActualLrpState state, String placementError, long since, int crashCount,
            String crashReason, boolean evacuating, ModificationTag modificationTag) {
        this(processGuid, instanceGuid, cellId, domain, index, address, ports, state, placementError, since, crashCount,
                crashReason, evacuating, null, modificationTag, false);
    }

}
