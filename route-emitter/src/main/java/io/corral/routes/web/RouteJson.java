package io.corral.routes.web;

import io.corral.routes.table.Endpoint;
import io.corral.routes.table.RegistryMessage;
import io.corral.routes.table.TcpEndpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The HTTP table's JSON: each route as the message gorouter reads on NATS, so a router
 * reading HTTP gets the same fields.
 */
final class RouteJson {

    private RouteJson() {
    }

    /** {@code {"routes": [...]}}, the data of the route event stream's events. */
    static String routes(Collection<Endpoint> endpoints) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * endpoints.size() + 16);
        out.writeBytes("{\"routes\":[".getBytes(StandardCharsets.US_ASCII));
        boolean first = true;
        for (Endpoint endpoint : endpoints) {
            if (!first) {
                out.write(',');
            }
            RegistryMessage.writeTo(out, endpoint);
            first = false;
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toString(StandardCharsets.UTF_8);
    }

    record TcpRouteView(String routerGroupGuid, int externalPort, String backendIp, int backendPort, String processGuid,
            String instanceGuid, int index) {

        static TcpRouteView of(TcpEndpoint endpoint) {
            return new TcpRouteView(endpoint.routerGroupGuid(), endpoint.externalPort(), endpoint.host(),
                    endpoint.port(), endpoint.processGuid(), endpoint.instanceGuid(), endpoint.index());
        }
    }

}
