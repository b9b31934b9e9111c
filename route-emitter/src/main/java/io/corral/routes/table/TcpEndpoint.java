package io.corral.routes.table;

/**
 * One TCP route: connections to {@code externalPort} on the router group's routers go to
 * {@code host:port}.
 */
public record TcpEndpoint(String routerGroupGuid, int externalPort, String host, int port, String processGuid,
        String instanceGuid, int index) {
}
