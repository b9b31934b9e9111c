package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RouteDiffPropertiesTest {

    @Property(tries = 500)
    void applyingTheDiffOfAToBToAGivesB(@ForAll("tables") Map<RouteKey, Endpoint> a,
            @ForAll("tables") Map<RouteKey, Endpoint> b) {
        Map<RouteKey, Endpoint> table = new HashMap<>(a);
        RouteDiff.between(a, b).applyTo(table);
        assertThat(table).isEqualTo(b);
    }

    @Property(tries = 200)
    void aTableDiffersFromItselfInNothing(@ForAll("tables") Map<RouteKey, Endpoint> a) {
        assertThat(RouteDiff.between(a, new HashMap<>(a)).isEmpty()).isTrue();
    }

    @Property(tries = 300)
    void aRouterOfOneShardHearsWhatTurnsItsTableIntoTheNext(@ForAll("tables") Map<RouteKey, Endpoint> a,
            @ForAll("tables") Map<RouteKey, Endpoint> b) {
        RouterShards dmz = RouterShards.segments(Set.of("dmz"));
        Map<RouteKey, Endpoint> routerTable = served(a, dmz);
        RouteDiff.between(a, b).servedBy(dmz).applyTo(routerTable);
        assertThat(routerTable).isEqualTo(served(b, dmz));
    }

    @Property(tries = 200)
    void unchangedRoutesAreNeitherRegisteredNorUnregistered(@ForAll("tables") Map<RouteKey, Endpoint> a,
            @ForAll("tables") Map<RouteKey, Endpoint> b) {
        RouteDiff diff = RouteDiff.between(a, b);
        diff.registers().forEach(endpoint -> assertThat(a.get(endpoint.key())).isNotEqualTo(endpoint));
        diff.unregisters().forEach(endpoint -> assertThat(a.get(endpoint.key())).isEqualTo(endpoint));
    }

    private static Map<RouteKey, Endpoint> served(Map<RouteKey, Endpoint> table, RouterShards shards) {
        Map<RouteKey, Endpoint> served = new HashMap<>();
        table.forEach((key, endpoint) -> {
            if (endpoint.servedBy(shards)) {
                served.put(key, endpoint);
            }
        });
        return served;
    }

    @Provide
    Arbitrary<Map<RouteKey, Endpoint>> tables() {
        Arbitrary<Endpoint> endpoints = Combinators
            .combine(Arbitraries.of("a.example.com", "b.example.com", "c.example.com"),
                    Arbitraries.of("10.0.0.1", "10.0.0.2"), Arbitraries.integers().between(61000, 61003),
                    Arbitraries.of("i-1", "i-2", "i-3"), Arbitraries.of("z1", "z2"),
                    Arbitraries.of("dmz", "other").injectNull(0.5))
            .as((hostname, host, port, instance, zone, segment) -> new Endpoint(hostname, host, port, "web", "app",
                    "log", instance, 0, zone, segment, null, "http1", 1L));
        return endpoints.list().ofMaxSize(12).map(list -> {
            Map<RouteKey, Endpoint> table = new HashMap<>();
            list.forEach(endpoint -> table.put(endpoint.key(), endpoint));
            return table;
        });
    }

}
