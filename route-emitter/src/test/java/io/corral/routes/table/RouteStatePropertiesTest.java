package io.corral.routes.table;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.tuple;

import io.corral.receptor.api.event.ReceptorEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The table a stream of events builds is the table a full read of the same receptor
 * builds (with what the stream knew of cells that went since), and the differences the
 * events answer add up to it.
 */
class RouteStatePropertiesTest {

    @Example
    void aRunningInstanceOfARoutedLrpIsOneRoute() {
        ReceptorModel receptor = new ReceptorModel();
        RouteState followed = RouteState.empty();
        List.of(0, 3).forEach(op -> receptor.apply(op).forEach(followed::apply));
        assertThat(followed.endpoints()).singleElement()
            .satisfies(endpoint -> assertThat(endpoint.hostname()).isEqualTo("web.example.com"));
    }

    @Example
    void aLostCellsInstanceKeepsItsRouteAndShardUntilItsReplacementRuns() {
        ReceptorModel receptor = new ReceptorModel();
        RouteState followed = RouteState.of(receptor.fullRead());
        // desire dmz-app, run its index 0 on cell-dmz
        List.of(16, 3 + 16 + 144).forEach(op -> receptor.apply(op).forEach(followed::apply));
        Endpoint routed = followed.endpoints().iterator().next();
        assertThat(routed.isolationSegment()).isEqualTo("dmz");

        List<RouteDiff> diffs = new ArrayList<>();
        receptor.loseOrReturnCell(2).forEach(event -> diffs.add(followed.apply(event)));
        diffs.add(followed.updateCells(Map.copyOf(receptor.cells)));
        diffs.add(followed.replaceWith(RouteState.of(receptor.fullRead())));
        assertThat(receptor.cells).doesNotContainKey("cell-dmz");
        assertThat(diffs).allMatch(RouteDiff::isEmpty);
        assertThat(followed.endpoints()).containsExactly(routed);

        // its replacement runs on cell-a: registered, then the suspect unregistered
        List<RouteDiff> handover = receptor.apply(3 + 16).stream().map(followed::apply).toList();
        assertThat(handover).extracting(diff -> diff.registers().size(), diff -> diff.unregisters().size())
            .containsExactly(tuple(1, 0), tuple(0, 1));
        assertThat(handover.get(1).unregisters()).containsExactly(routed);
        assertThat(followed.updateCells(Map.copyOf(receptor.cells)).isEmpty()).isTrue();
    }

    @Property(tries = 300)
    void eventsBuildWhatAFullReadBuilds(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 100_000) Integer> operations) {
        ReceptorModel receptor = new ReceptorModel();
        RouteState followed = RouteState.of(receptor.fullRead());
        Map<RouteKey, Endpoint> published = new HashMap<>();
        for (int op : operations) {
            if (op % 17 == 0) {
                receptor.retagCell(op);
                followed.updateCells(Map.copyOf(receptor.cells)).applyTo(published);
            }
            if (op % 13 == 0) {
                receptor.loseOrReturnCell(op).forEach(event -> followed.apply(event).applyTo(published));
                followed.updateCells(Map.copyOf(receptor.cells)).applyTo(published);
            }
            for (ReceptorEvent event : receptor.apply(op)) {
                followed.apply(event).applyTo(published);
            }
        }
        RouteState read = RouteState.of(receptor.fullReadKeepingGoneCells());
        assertThat(followed.table()).isEqualTo(read.table());
        assertThat(followed.size()).isEqualTo(read.table().size());
        assertThat(published).isEqualTo(read.table());
        assertThat(followed.tcpEndpoints()).containsExactlyInAnyOrderElementsOf(read.tcpEndpoints());
    }

    @Property(tries = 200)
    void aSyncPublishesExactlyWhatTheEventsMissed(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 100_000) Integer> seen,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 100_000) Integer> missed) {
        ReceptorModel receptor = new ReceptorModel();
        RouteState followed = RouteState.of(receptor.fullRead());
        Map<RouteKey, Endpoint> published = new HashMap<>();
        for (int op : seen) {
            if (op % 13 == 0) {
                receptor.loseOrReturnCell(op).forEach(event -> followed.apply(event).applyTo(published));
                followed.updateCells(Map.copyOf(receptor.cells)).applyTo(published);
            }
            receptor.apply(op).forEach(event -> followed.apply(event).applyTo(published));
        }
        for (int op : missed) {
            // Cells only go here: an emitter that missed a gone cell's return and its
            // next loss
            // never learns where that cell is (docs/routes.md), so its suspects go out
            // without
            // a zone.
            if (op % 13 == 0) {
                receptor.loseCell(op);
            }
            receptor.apply(op);
        }
        RouteDiff heal = followed.replaceWith(RouteState.of(receptor.fullRead()));
        heal.applyTo(published);
        assertThat(published).isEqualTo(RouteState.of(receptor.fullReadKeepingGoneCells()).table());
        assertThat(followed.replaceWith(RouteState.of(receptor.fullRead())).isEmpty()).isTrue();
    }

    @Property(tries = 200)
    void onlyRunningInstancesWithAMappedPortAreRouted(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 100_000) Integer> operations) {
        ReceptorModel receptor = new ReceptorModel();
        RouteState followed = RouteState.of(receptor.fullRead());
        operations.forEach(op -> receptor.apply(op).forEach(followed::apply));
        for (Endpoint endpoint : followed.endpoints()) {
            var instance = receptor.actual.get(endpoint.instanceGuid());
            assertThat(instance.state()).isEqualTo(io.corral.receptor.api.ActualLrpState.RUNNING);
            assertThat(instance.address()).isEqualTo(endpoint.host());
            assertThat(instance.ports()).anyMatch(mapping -> mapping.hostPort() == endpoint.port());
            assertThat(receptor.desired).containsKey(endpoint.processGuid());
        }
    }

}
