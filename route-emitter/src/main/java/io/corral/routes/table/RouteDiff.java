package io.corral.routes.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changes one route table into another: endpoints to register (new ones and changed
 * ones; gorouter replaces an endpoint registered again under the same key) and endpoints
 * to unregister (keys that are gone). Unregisters go out before registers. An endpoint
 * that moves to another isolation segment is unregistered as it was and registered as it
 * is: routers take only the messages of their own shards, so the old shard's routers must
 * hear an unregister.
 */
public record RouteDiff(List<Endpoint> registers, List<Endpoint> unregisters) {

    public static final RouteDiff EMPTY = new RouteDiff(List.of(), List.of());

    public RouteDiff {
        registers = List.copyOf(registers);
        unregisters = List.copyOf(unregisters);
    }

    /**
     * The difference from {@code before} to {@code after}, keyed as gorouter keys routes.
     */
    public static RouteDiff between(Map<RouteKey, Endpoint> before, Map<RouteKey, Endpoint> after) {
        List<Endpoint> registers = new ArrayList<>();
        List<Endpoint> unregisters = new ArrayList<>();
        after.forEach((key, endpoint) -> {
            Endpoint was = before.get(key);
            if (!Objects.equals(was, endpoint)) {
                registers.add(endpoint);
            }
            if (was != null && !Objects.equals(was.isolationSegment(), endpoint.isolationSegment())) {
                unregisters.add(was);
            }
        });
        before.forEach((key, endpoint) -> {
            if (!after.containsKey(key)) {
                unregisters.add(endpoint);
            }
        });
        return registers.isEmpty() && unregisters.isEmpty() ? EMPTY : new RouteDiff(registers, unregisters);
    }

    public boolean isEmpty() {
        return registers.isEmpty() && unregisters.isEmpty();
    }

    public int size() {
        return registers.size() + unregisters.size();
    }

    /** Changes {@code table} in place: unregisters first, then registers. */
    public void applyTo(Map<RouteKey, Endpoint> table) {
        unregisters.forEach(endpoint -> table.remove(endpoint.key()));
        registers.forEach(endpoint -> table.put(endpoint.key(), endpoint));
    }

    /** The part of this diff a router serving {@code shards} must hear. */
    public RouteDiff servedBy(RouterShards shards) {
        if (shards.all()) {
            return this;
        }
        return new RouteDiff(registers.stream().filter(e -> e.servedBy(shards)).toList(),
                unregisters.stream().filter(e -> e.servedBy(shards)).toList());
    }

}
