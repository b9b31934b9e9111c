package io.corral.cell.container;

import java.util.Optional;
import java.util.Set;

/**
 * Where a cell's instances and tasks run. {@link #start} returns at once, having taken
 * the container into {@link #held()}; how it fares is told to the
 * {@link ContainerListener} on the backend's own threads. A container leaves
 * {@link #held()} when it ended (after its listener heard why) or was stopped.
 */
public interface Containers {

    void start(ContainerSpec spec, ContainerListener listener);

    /**
     * Stops the container and forgets it; nothing is reported for it afterwards. Unknown
     * ids are ignored.
     */
    void stop(String id);

    /** The ids of the containers held now. */
    Set<String> held();

    /**
     * What a container wrote to {@code stream} (stdout or stderr) as far as it is kept;
     * empty when the container is unknown or keeps no logs.
     */
    Optional<String> logs(String id, LogStream stream);

    /** Stops every container, as the agent shuts down. */
    void stopAll();

}
