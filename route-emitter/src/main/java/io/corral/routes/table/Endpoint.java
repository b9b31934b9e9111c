package io.corral.routes.table;

/**
 * One route: a hostname served by one instance at {@code host:port}, with what gorouter
 * is told about it. Optional fields are null when unknown; {@code routeServiceUrl} is
 * only ever an https URL.
 *
 * @param app the desired LRP's {@code log_guid}
 * @param isolationSegment the router shard that must serve it; null for shared routers
 * @param updatedAtNs when the instance last changed ({@code since}, ns)
 */
public record Endpoint(String hostname, String host, int port, String processGuid, String appGuid, String app,
        String instanceGuid, int index, String zone, String isolationSegment, String routeServiceUrl, String protocol,
        long updatedAtNs) {

    public RouteKey key() {
        return new RouteKey(hostname, host, port);
    }

    /**
     * Whether a router serving {@code shards} ({@code null} or empty: shared routers)
     * must hold this endpoint.
     */
    public boolean servedBy(RouterShards shards) {
        return shards.serves(isolationSegment);
    }

}
