package io.corral.cell.container;

import io.corral.receptor.api.PortMapping;
import java.util.List;

/** How one container fares; each method is called at most once per container. */
public interface ContainerListener {

    /**
     * An instance passed its health check: it is reachable at the cell's address and
     * these ports.
     */
    void running(List<PortMapping> ports);

    /**
     * An instance ended, or failed its health check; the reason names the exit status.
     */
    void crashed(String reason);

    /** A task ended. */
    void completed(TaskOutcome outcome);

}
