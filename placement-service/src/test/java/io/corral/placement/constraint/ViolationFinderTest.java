package io.corral.placement.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.receptor.ReceptorSnapshot;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.ModificationTag;
import io.corral.testsupport.ApiFixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only an index's current instance breaks its rules: one being replaced already is left
 * to its replacement.
 */
class ViolationFinderTest {

    @Test
    void anInstanceBeingReplacedIsNoViolation() {
        Cell plain = new Cell("cell-plain", "z1", "http://cell-plain:1800", new CellCapacity(16_384, 65_536, 250),
                List.of(), List.of(), List.of("preloaded:cflinuxfs4"), 30, null);
        ReceptorSnapshot snapshot = new ReceptorSnapshot(List.of(plain),
                Map.of("web", ApiFixtures.desiredLrp("web", 3)), List.of(), List.of());
        ConstraintBook book = new ConstraintBook(Map.of(ConstraintScope.space("space-1", Lifecycle.RUNNING),
                new PlacementConstraint(Set.of("pci"), Set.of(), Map.of(), null)));
        ViolationFinder violations = new ViolationFinder(snapshot, book);

        assertThat(violations.check(on("cell-plain", 0, ActualLrpPresence.ORDINARY))).isPresent();
        assertThat(violations.check(on("cell-plain", 1, ActualLrpPresence.EVACUATING))).isEmpty();
        assertThat(violations.check(on("cell-plain", 2, ActualLrpPresence.SUSPECT))).isEmpty();
    }

    private static ActualLrp on(String cellId, int index, ActualLrpPresence presence) {
        return new ActualLrp("web", "web-" + index, cellId, "cf-apps", index, "10.0.0.1", List.of(),
                ActualLrpState.RUNNING, null, 1, 0, null, false, presence, new ModificationTag("e", 1), false);
    }

}
