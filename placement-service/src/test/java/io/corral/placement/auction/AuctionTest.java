package io.corral.placement.auction;

import static io.corral.placement.auction.AuctionFixtures.BIG;
import static io.corral.placement.auction.AuctionFixtures.CFLINUXFS4;
import static io.corral.placement.auction.AuctionFixtures.auction;
import static io.corral.placement.auction.AuctionFixtures.cell;
import static io.corral.placement.auction.AuctionFixtures.cellWith;
import static io.corral.placement.auction.AuctionFixtures.evacuatingCell;
import static io.corral.placement.auction.AuctionFixtures.instances;
import static io.corral.placement.auction.AuctionFixtures.isolatedCell;
import static io.corral.placement.auction.AuctionFixtures.occupancyOf;
import static io.corral.placement.auction.AuctionFixtures.requiring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.corral.placement.auction.AuctionResult.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuctionTest {

    @Test
    void workRequiringAlphaAndBetaGoesOnlyToCellsHavingBoth() {
        List<CellSpec> cells = List.of(cell("both-1", "z1", "alpha", "beta"), cell("both-2", "z2", "alpha", "beta"),
                cell("alpha-only", "z1", "alpha"), cell("beta-only", "z2", "beta"), cell("plain", "z3"));

        AuctionResult result = auction(cells, instances("web", 6, requiring("alpha", "beta")));

        assertThat(result.failures()).isEmpty();
        assertThat(cellsUsed(result)).containsOnly("both-1", "both-2");
    }

    @Test
    void cellsTaggedOnlyAlphaOrOnlyBetaGetNothingAndTheErrorSaysWhy() {
        List<CellSpec> cells = List.of(cell("alpha-only", "z1", "alpha"), cell("beta-only", "z2", "beta"));
        WorkItem item = instances("web", 1, requiring("alpha", "beta")).get(0);

        AuctionResult result = auction(cells, List.of(item));
        Explanation explanation = new Auction().explain(new AuctionInput(cells, Occupancy.NONE, List.of()), item);

        assertThat(result.placements()).isEmpty();
        assertThat(result.failures()).extracting(f -> f.error().message()).containsExactly("found no compatible cell");
        assertThat(explanation.cells()).extracting(Explanation.CellVerdict::rejections)
            .containsExactly(List.of("lacks required tag beta"), List.of("lacks required tag alpha"));
    }

    @Test
    void instancesSpreadEvenlyOverTheZonesOfTheMatchingCells() {
        List<CellSpec> cells = List.of(cell("a1", "z1", "alpha"), cell("a2", "z1", "alpha"), cell("a3", "z1", "alpha"),
                cell("b1", "z2", "alpha"), cell("c1", "z3", "alpha"), cell("untagged", "z4"));

        AuctionResult result = auction(cells, instances("web", 9, requiring("alpha")));

        assertThat(countByZone(result)).containsExactlyInAnyOrderEntriesOf(Map.of("z1", 3L, "z2", 3L, "z3", 3L));
    }

    @Test
    void withinAZoneInstancesSpreadOverCellsBeforeDoublingUp() {
        List<CellSpec> cells = List.of(cell("a1", "z1"), cell("a2", "z1"), cell("a3", "z1"));

        AuctionResult result = auction(cells, instances("web", 3, PlacementRules.NONE));

        assertThat(cellsUsed(result)).containsExactlyInAnyOrder("a1", "a2", "a3");
    }

    @Test
    void aCellsRequiredTagsIsolateIt() {
        List<CellSpec> cells = List.of(isolatedCell("dmz-1", "z1", "dmz"), cell("plain", "z1"));

        AuctionResult untagged = auction(cells, instances("web", 4, PlacementRules.NONE));
        AuctionResult dmz = auction(cells, instances("edge", 4, requiring("dmz")));

        assertThat(cellsUsed(untagged)).containsOnly("plain");
        assertThat(cellsUsed(dmz)).containsOnly("dmz-1");
    }

    @Test
    void aCellMustOfferTheRootfsWholeOrByScheme() {
        CellSpec preloadedOnly = new CellSpec("preloaded", "z1", Set.of(), Set.of(), Set.of(CFLINUXFS4), BIG);
        CellSpec docker = new CellSpec("docker", "z1", Set.of(), Set.of(), Set.of("docker"), BIG);

        AuctionResult result = auction(List.of(preloadedOnly, docker),
                instances("img", 2, "docker:///nginx", Resources.ofInstance(64, 64), PlacementRules.NONE));

        assertThat(cellsUsed(result)).containsOnly("docker");
    }

    @Test
    void unplacedWorkNamesTheResourceThatRanOut() {
        List<CellSpec> cells = List.of(cellWith("small", "z1", new Resources(2048, 100_000, 10)));

        assertThat(errorOf(
                auction(cells, instances("m", 1, CFLINUXFS4, Resources.ofInstance(4096, 1), PlacementRules.NONE))))
            .isEqualTo("insufficient resources: memory");
        assertThat(errorOf(
                auction(cells, instances("d", 1, CFLINUXFS4, Resources.ofInstance(1, 200_000), PlacementRules.NONE))))
            .isEqualTo("insufficient resources: disk");
        assertThat(errorOf(
                auction(cells, instances("c", 11, CFLINUXFS4, Resources.ofInstance(1, 1), PlacementRules.NONE))))
            .isEqualTo("insufficient resources: containers");
    }

    @Test
    void whatThisBatchAlreadyPlacedCountsAgainstACell() {
        List<CellSpec> cells = List.of(cellWith("c1", "z1", new Resources(3000, 100_000, 250)));
        List<WorkItem> work = new ArrayList<>(instances("a", 2, PlacementRules.NONE));
        work.addAll(instances("b", 2, PlacementRules.NONE));

        AuctionResult result = auction(cells, work);

        assertThat(result.placements()).hasSize(2);
        assertThat(result.failures()).extracting(f -> f.error().message())
            .containsOnly("insufficient resources: memory");
    }

    @Test
    void whenRoomIsShortEveryProcessGetsItsFirstInstanceBeforeAnyGetsASecond() {
        List<CellSpec> cells = List.of(cellWith("c1", "z1", new Resources(100_000, 100_000, 3)));
        List<WorkItem> work = new ArrayList<>(instances("a", 3, PlacementRules.NONE));
        work.addAll(instances("b", 3, PlacementRules.NONE));
        work.addAll(instances("c", 3, PlacementRules.NONE));

        AuctionResult result = auction(cells, work);

        assertThat(result.placements()).extracting(p -> p.work().id()).containsExactly("a/0", "b/0", "c/0");
    }

    @Test
    void instancesAlreadyRunningSteerNewOnesToOtherZones() {
        List<CellSpec> cells = List.of(cell("a1", "z1"), cell("b1", "z2"));
        List<PlacedInstance> running = List.of(new PlacedInstance("a1", "web", Resources.ofInstance(1024, 1024)),
                new PlacedInstance("a1", "web", Resources.ofInstance(1024, 1024)));

        AuctionResult result = new Auction()
            .run(new AuctionInput(cells, occupancyOf(running), instances("web", 2, PlacementRules.NONE)));

        assertThat(cellsUsed(result)).containsOnly("b1");
    }

    @Test
    void forbiddenTagsKeepWorkOff() {
        List<CellSpec> cells = List.of(cell("gpu", "z1", "gpu"), cell("plain", "z1"));
        PlacementRules noGpu = new PlacementRules(Set.of(), Set.of("gpu"), Map.of(), null);

        assertThat(cellsUsed(auction(cells, instances("web", 3, noGpu)))).containsOnly("plain");
    }

    @Test
    void preferredCellsTakeWorkFirstAndOthersOnlyWhenTheyAreFull() {
        List<CellSpec> cells = List.of(cell("ssd-1", "z1", "ssd"), cell("ssd-2", "z1", "ssd"), cell("hdd", "z1"));
        PlacementRules ssd = new PlacementRules(Set.of(), Set.of(), Map.of("ssd", 10), 2);

        AuctionResult result = auction(cells, instances("db", 5, ssd));

        assertThat(result.placements()).extracting(Placement::cellId)
            .containsExactly("ssd-1", "ssd-2", "ssd-1", "ssd-2", "hdd");
    }

    @Test
    void theCapOnInstancesPerCellHoldsAndIsTheReasonWhenItBinds() {
        List<CellSpec> cells = List.of(cell("c1", "z1"), cell("c2", "z1"));
        PlacementRules capOne = new PlacementRules(Set.of(), Set.of(), Map.of(), 1);

        AuctionResult result = auction(cells, instances("web", 3, capOne));

        assertThat(cellsUsed(result)).containsExactlyInAnyOrder("c1", "c2");
        assertThat(errorOf(result)).isEqualTo(PlacementError.CELL_CAP_REACHED.message());
    }

    @Test
    void explainRanksTheCellsThatFitInTheOrderTheAuctionChoosesAndRejectsTheRestWithReasons() {
        List<CellSpec> cells = List.of(cell("a1", "z1", "alpha"), cell("b1", "z2", "alpha"), cell("plain", "z2"),
                cellWith("tiny", "z1", new Resources(10, 10, 1)));
        List<PlacedInstance> running = List.of(new PlacedInstance("a1", "web", Resources.ofInstance(1024, 1024)));
        WorkItem item = new WorkItem("web/1", "web", CFLINUXFS4, Resources.ofInstance(1024, 1024), requiring("alpha"));

        Explanation explanation = new Auction().explain(new AuctionInput(cells, occupancyOf(running), List.of()), item);

        assertThat(explanation.chosenCellId()).isEqualTo("b1");
        assertThat(explanation.cells()).extracting(Explanation.CellVerdict::cellId)
            .containsExactly("b1", "a1", "plain", "tiny");
        assertThat(explanation.cells().get(1).score().zoneInstances()).isEqualTo(1);
        assertThat(explanation.cells().get(3).rejections()).containsExactly("lacks required tag alpha",
                "insufficient memory: 10 MB free, 1024 MB needed", "insufficient disk: 10 MB free, 1024 MB needed");
    }

    @Test
    void anEvacuatingCellTakesNoWorkAndExplainSaysSo() {
        List<CellSpec> cells = List.of(evacuatingCell("leaving", "z1"), cell("staying", "z2"));
        WorkItem item = instances("web", 1, PlacementRules.NONE).get(0);

        AuctionResult result = auction(cells, instances("web", 3, PlacementRules.NONE));
        Explanation explanation = new Auction().explain(new AuctionInput(cells, Occupancy.NONE, List.of()), item);

        assertThat(cellsUsed(result)).containsOnly("staying");
        assertThat(explanation.cells()).extracting(Explanation.CellVerdict::cellId, Explanation.CellVerdict::rejections)
            .containsExactly(tuple("staying", List.of()),
                    tuple("leaving", List.of("is evacuating: it takes no new work")));
        assertThat(errorOf(auction(List.of(evacuatingCell("leaving", "z1")), List.of(item))))
            .isEqualTo(PlacementError.NO_COMPATIBLE_CELL.message());
    }

    @Test
    void whatRunsOnAnEvacuatingCellDoesNotCountInTheSpreadOfItsZone() {
        List<CellSpec> cells = List.of(evacuatingCell("leaving", "z1"), cell("staying", "z1"), cell("busy", "z2"),
                cell("free", "z2"));
        List<PlacedInstance> running = List.of(new PlacedInstance("leaving", "web", Resources.ofInstance(1024, 1024)),
                new PlacedInstance("busy", "web", Resources.ofInstance(1024, 1024)));

        AuctionResult replacement = new Auction()
            .run(new AuctionInput(cells, occupancyOf(running), instances("web", 1, PlacementRules.NONE)));

        assertThat(cellsUsed(replacement)).as("z1 is left with none of web").containsOnly("staying");
    }

    private static Set<String> cellsUsed(AuctionResult result) {
        return result.placements().stream().map(Placement::cellId).collect(Collectors.toSet());
    }

    private static Map<String, Long> countByZone(AuctionResult result) {
        return result.placements().stream().collect(Collectors.groupingBy(Placement::zone, Collectors.counting()));
    }

    private static String errorOf(AuctionResult result) {
        return result.failures().get(0).error().message();
    }

}
