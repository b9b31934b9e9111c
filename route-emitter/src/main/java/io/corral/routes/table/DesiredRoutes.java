package io.corral.routes.table;

import java.util.List;

/**
 * What the route table needs of a desired LRP: its routes and the names gorouter is told.
 *
 * @param app the LRP's {@code log_guid}
 */
public record DesiredRoutes(String processGuid, String app, String appGuid, List<HttpRoute> http, List<TcpRoute> tcp) {

    public DesiredRoutes {
        http = List.copyOf(http);
        tcp = List.copyOf(tcp);
    }

    public boolean isEmpty() {
        return http.isEmpty() && tcp.isEmpty();
    }

}
