package io.corral.routes.web;

import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RegistryMessage;
import io.corral.routes.table.TcpEndpoint;
import java.util.Collection;

/**
 * The HTTP table's JSON: each route as the message gorouter reads on NATS, so a router
 * reading HTTP gets the same fields.
 */
final class RouteJson {

    private RouteJson() {
    }

    static StringBuilder array(StringBuilder out, Collection<Endpoint> endpoints) {
        out.append('[');
        boolean first = true;
        for (Endpoint endpoint : endpoints) {
            if (!first) {
                out.append(',');
            }
            RegistryMessage.append(out, endpoint);
            first = false;
        }
        return out.append(']');
    }

    static String routes(Collection<Endpoint> endpoints) {
        return array(new StringBuilder("{\"routes\":"), endpoints).append('}').toString();
    }

    record TcpRouteView(String routerGroupGuid, int externalPort, String backendIp, int backendPort, String processGuid,
            String instanceGuid, int index) {

        static TcpRouteView of(TcpEndpoint endpoint) {
            return new TcpRouteView(endpoint.routerGroupGuid(), endpoint.externalPort(), endpoint.host(),
                    endpoint.port(), endpoint.processGuid(), endpoint.instanceGuid(), endpoint.index());
        }
    }

}
