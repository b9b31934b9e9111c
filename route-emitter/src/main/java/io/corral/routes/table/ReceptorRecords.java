package io.corral.routes.table;

import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.DesiredLrp;
import io.corral.receptor.api.PortMapping;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads what routes need out of the receptor's records. A route entry that is not of its
 * router's shape (a Cloud Controller's mistake the receptor stores as given) is skipped
 * with a log line; the LRP's other entries still count.
 */
public final class ReceptorRecords {

    public static final String HTTP_ROUTER = "cf-router";

    public static final String TCP_ROUTER = "tcp-router";

    private static final System.Logger log = System.getLogger(ReceptorRecords.class.getName());

    private ReceptorRecords() {
    }

    public static DesiredRoutes desiredRoutes(DesiredLrp lrp) {
        Map<String, JsonNode> routes = lrp.routes() == null ? Map.of() : lrp.routes();
        return new DesiredRoutes(lrp.processGuid(), lrp.logGuid(), lrp.appGuid(),
                httpRoutes(lrp.processGuid(), routes.get(HTTP_ROUTER)),
                tcpRoutes(lrp.processGuid(), routes.get(TCP_ROUTER)));
    }

    /** The instance when it is RUNNING with an address, else empty. */
    public static Optional<RoutableInstance> routable(ActualLrp lrp) {
        if (lrp.state() != ActualLrpState.RUNNING || lrp.address() == null || lrp.address().isBlank()) {
            return Optional.empty();
        }
        Map<Integer, Integer> hostPorts = new HashMap<>();
        for (PortMapping mapping : lrp.ports() == null ? List.<PortMapping>of() : lrp.ports()) {
            hostPorts.putIfAbsent(mapping.containerPort(), mapping.hostPort());
        }
        return Optional.of(new RoutableInstance(shared(lrp.processGuid()), lrp.instanceGuid(), lrp.index(),
                shared(lrp.cellId()), shared(lrp.address()), hostPorts, lrp.since()));
    }

    public static CellPlacement cellPlacement(Cell cell) {
        List<String> tags = cell.placementTags() == null ? List.of() : cell.placementTags();
        String segment = tags.isEmpty() ? null : tags.stream().sorted().distinct().collect(Collectors.joining(","));
        return new CellPlacement(cell.zone(), segment);
    }

    /**
     * One copy of a name many instances share (their process, cell, address): a table of
     * 250,000 routes holds each once.
     */
    private static String shared(String name) {
        return name == null ? null : name.intern();
    }

    private static List<HttpRoute> httpRoutes(String processGuid, JsonNode entries) {
        List<HttpRoute> routes = new ArrayList<>();
        for (JsonNode entry : arrayOf(processGuid, HTTP_ROUTER, entries)) {
            JsonNode hostnames = entry.path("hostnames");
            JsonNode port = entry.path("port");
            if (!hostnames.isArray() || !validPort(port) || !allText(hostnames)) {
                skipped(processGuid, HTTP_ROUTER, "hostnames (strings) and port (1..65535) are required");
                continue;
            }
            List<String> names = new ArrayList<>();
            hostnames.forEach(name -> names.add(name.asString()));
            routes.add(new HttpRoute(names, port.asInt(), httpsOnly(text(entry, "route_service_url")),
                    blankToNull(text(entry, "isolation_segment")), protocol(text(entry, "protocol"))));
        }
        return routes;
    }

    private static List<TcpRoute> tcpRoutes(String processGuid, JsonNode entries) {
        List<TcpRoute> routes = new ArrayList<>();
        for (JsonNode entry : arrayOf(processGuid, TCP_ROUTER, entries)) {
            JsonNode external = entry.path("external_port");
            JsonNode container = entry.path("container_port");
            if (!validPort(external) || !validPort(container)) {
                skipped(processGuid, TCP_ROUTER, "external_port and container_port (1..65535) are required");
                continue;
            }
            routes.add(new TcpRoute(external.asInt(), container.asInt(), text(entry, "router_group_guid")));
        }
        return routes;
    }

    private static Iterable<JsonNode> arrayOf(String processGuid, String router, JsonNode entries) {
        if (entries == null || entries.isNull() || entries.isMissingNode()) {
            return List.of();
        }
        if (!entries.isArray()) {
            skipped(processGuid, router, "the routes of " + router + " must be a list");
            return List.of();
        }
        List<JsonNode> objects = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.isObject()) {
                objects.add(entry);
            }
            else {
                skipped(processGuid, router, "an entry must be an object");
            }
        });
        return objects;
    }

    private static boolean validPort(JsonNode port) {
        return port.isIntegralNumber() && port.canConvertToInt() && port.asInt() >= 1 && port.asInt() <= 65535;
    }

    private static boolean allText(JsonNode values) {
        for (JsonNode value : values) {
            if (!value.isString() || value.asString().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static String httpsOnly(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, 8) ? url : null;
    }

    private static String protocol(String protocol) {
        return protocol != null && protocol.toLowerCase(Locale.ROOT).equals("http2") ? "http2" : "http1";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void skipped(String processGuid, String router, String why) {
        log.log(Level.WARNING, "skipped a " + router + " route of desired LRP " + processGuid + ": " + why);
    }

}
