package io.corral.routes.table;

import java.util.Collection;
import java.util.Map;

/**
 * Everything routes are made of, as read in one full sync: the desired LRPs, the routable
 * instances and the cells.
 */
public record RouteSources(Collection<DesiredRoutes> desired, Collection<RoutableInstance> instances,
        Map<String, CellPlacement> cells) {
}
