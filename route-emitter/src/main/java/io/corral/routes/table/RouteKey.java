package io.corral.routes.table;

/**
 * What gorouter matches an unregister on: the hostname and the backend's
 * {@code host:port}, whatever the instance.
 */
public record RouteKey(String hostname, String host, int port) {
}
