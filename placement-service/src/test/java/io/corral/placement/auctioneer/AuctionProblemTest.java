package io.corral.placement.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.Auction;
import io.corral.placement.auction.CellSpec;
import io.corral.placement.auction.Resources;
import io.corral.placement.constraint.ConstraintBook;
import io.corral.placement.model.ModelState;
import io.corral.placement.model.PlacementModel;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.ActualLrpPresence;
import io.corral.receptor.api.ActualLrpState;
import io.corral.receptor.api.LrpAssignment;
import io.corral.receptor.api.ModificationTag;
import io.corral.testsupport.ApiFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A lost cell's instance as the auction sees it: the suspect is counted on its own cell
 * only, its replacement is work to place.
 */
class AuctionProblemTest {

    private static final ActualLrp SUSPECT = new ActualLrp("web", "old-0", "cell-gone", "cf-apps", 0, "10.0.0.1",
            List.of(), ActualLrpState.RUNNING, null, 1, 0, null, false, ActualLrpPresence.SUSPECT,
            new ModificationTag("e", 4), false);

    private static final ActualLrp REPLACEMENT = new ActualLrp("web", "new-0", null, "cf-apps", 0, null, List.of(),
            ActualLrpState.UNCLAIMED, null, 2, 0, null, false, new ModificationTag("e", 1));

    @Test
    void theReplacementOfASuspectIsPlacedAndTheSuspectTakesNoRoomOnALiveCell() {
        assertThat(decide(List.of(oneContainerCell("cell-live"))))
            .containsExactly(new LrpAssignment("web", 0, "new-0", "cell-live", null));
    }

    @Test
    void aSuspectWhoseCellIsListedAgainTakesItsRoomThere() {
        assertThat(decide(List.of(oneContainerCell("cell-gone"), oneContainerCell("cell-live"))))
            .containsExactly(new LrpAssignment("web", 0, "new-0", "cell-live", null));
    }

    private static List<LrpAssignment> decide(List<CellSpec> cells) {
        PlacementModel model = new PlacementModel(Duration.ofSeconds(30), () -> 0);
        model.completeRead(model.beginRead(),
                ModelState.of(List.of(ApiFixtures.desiredLrp("web", 1)), List.of(SUSPECT, REPLACEMENT), List.of()));
        AuctionProblem problem = AuctionProblem.of(cells, model.backlog(), new ConstraintBook(Map.of()), Set.of());
        return problem.decisions(new Auction().run(problem.input())).actualLrps();
    }

    private static CellSpec oneContainerCell(String cellId) {
        return new CellSpec(cellId, "z1", Set.of(), Set.of(), Set.of("preloaded:cflinuxfs4"),
                new Resources(16_384, 65_536, 1));
    }

}
