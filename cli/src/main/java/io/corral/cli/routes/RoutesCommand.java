package io.corral.cli.routes;

import io.corral.cli.CliCommand;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.Service;
import io.corral.cli.http.ServiceClient;
import io.corral.cli.output.Table;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code corral routes}: the route emitter's table, as a router of the given isolation
 * segments sees it, or the TCP routes.
 */
@Command(name = "routes", description = "List the HTTP routes (as routers get them), or the TCP routes.")
public class RoutesCommand extends CliCommand {

    static final String SCOPE = "routes.read";

    @Option(names = "--router-tags", split = ",", paramLabel = "SEGMENT",
            description = "The isolation segments of the router to list for (comma-separated or repeated); without "
                    + "them, the routes of untagged endpoints.")
    private List<String> routerTags = List.of();

    @Option(names = "--sharding-mode", paramLabel = "MODE",
            description = "segments, shared-and-segments or all (gorouter's routing_table_sharding_mode).")
    private String shardingMode;

    @Option(names = "--tcp", description = "The TCP routes instead.")
    private boolean tcp;

    /** An entry of {@code GET /v1/routes}: gorouter's {@code router.register} message. */
    record Route(String host, int port, List<String> uris, String app, String privateInstanceIndex,
            String availabilityZone, String isolationSegment, String protocol, Map<String, String> tags) {
    }

    record TcpRoute(String routerGroupGuid, int externalPort, String backendIp, int backendPort, String processGuid,
            int index) {
    }

    @Override
    public Integer call() {
        ServiceClient routes = client(Service.ROUTES);
        if (tcp) {
            JsonNode answer = routes.get("/v1/tcp_routes", SCOPE);
            output().show(answer, () -> tcpTable(List.of(ServiceClient.read(answer, TcpRoute[].class))),
                    "No TCP routes.");
            return ExitCodes.OK;
        }
        JsonNode answer = routes.get("/v1/routes" + query(), SCOPE);
        output().show(answer, () -> httpTable(List.of(ServiceClient.read(answer, Route[].class))), "No routes.");
        return ExitCodes.OK;
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        if (!routerTags.isEmpty()) {
            query.append("?router_tags=").append(ServiceClient.encode(String.join(",", routerTags)));
        }
        if (shardingMode != null) {
            query.append(query.length() == 0 ? '?' : '&')
                .append("sharding_mode=")
                .append(ServiceClient.encode(shardingMode));
        }
        return query.toString();
    }

    private static Table httpTable(List<Route> routes) {
        Table table = Table.of("HOSTNAME", "ENDPOINT", "PROCESS_GUID", "INDEX", "ZONE", "SEGMENT", "PROTOCOL");
        for (Route route : routes) {
            table.row(String.join(",", route.uris()), route.host() + ":" + route.port(),
                    route.tags() == null ? null : route.tags().get("process_id"), route.privateInstanceIndex(),
                    route.availabilityZone(), route.isolationSegment(), route.protocol());
        }
        return table;
    }

    private static Table tcpTable(List<TcpRoute> routes) {
        Table table = Table.of("ROUTER_GROUP", "EXTERNAL_PORT", "BACKEND", "PROCESS_GUID", "INDEX");
        for (TcpRoute route : routes) {
            table.row(route.routerGroupGuid(), route.externalPort(), route.backendIp() + ":" + route.backendPort(),
                    route.processGuid(), route.index());
        }
        return table;
    }

}
