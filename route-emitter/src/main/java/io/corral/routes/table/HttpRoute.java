package io.corral.routes.table;

import java.util.List;

/**
 * One {@code cf-router} entry of a desired LRP: its hostnames go to the instance's host
 * port mapped to {@code port}. {@code routeServiceUrl} is kept only when https.
 */
public record HttpRoute(List<String> hostnames, int port, String routeServiceUrl, String isolationSegment,
        String protocol) {

    public HttpRoute {
        hostnames = List.copyOf(hostnames);
    }

}
