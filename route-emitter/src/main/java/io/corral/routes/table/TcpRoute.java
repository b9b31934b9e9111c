package io.corral.routes.table;

/** One {@code tcp-router} entry of a desired LRP. */
public record TcpRoute(int externalPort, int containerPort, String routerGroupGuid) {
}
