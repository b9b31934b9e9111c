package io.corral.placement.auction;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.auction.AuctionResult.Placement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The auction's invariants over generated cells and work, checked against an independent
 * reading of docs/design.md.
 */
class AuctionPropertiesTest {

    private static final List<String> TAGS = List.of("alpha", "beta", "ssd", "dmz");

    private static final List<String> ROOTFSES = List.of("preloaded:cflinuxfs4", "docker:///app");

    @Property(tries = 300)
    void neverPlacesOnANonMatchingCell(@ForAll("problems") AuctionInput input) {
        Map<String, CellSpec> cells = byId(input.cells());

        for (Placement placement : new Auction().run(input).placements()) {
            assertThat(matches(cells.get(placement.cellId()), placement.work()))
                .as("%s on %s", placement.work(), placement.cellId())
                .isTrue();
        }
    }

    @Property(tries = 300)
    void neverFillsACellBeyondItsCapacity(@ForAll("problems") AuctionInput input) {
        Map<String, Resources> used = new HashMap<>(input.occupancy().usedByCell());
        new Auction().run(input).placements().forEach(p -> used.merge(p.cellId(), p.work().needs(), Resources::plus));

        for (CellSpec cell : input.cells()) {
            Resources load = used.getOrDefault(cell.cellId(), Resources.NONE);
            assertThat(fits(load, cell.capacity())).as("%s holding %s", cell, load).isTrue();
        }
    }

    @Property(tries = 300)
    void placesEverythingThatCanBePlacedAndSaysWhyForTheRest(@ForAll("problems") AuctionInput input) {
        AuctionResult result = new Auction().run(input);

        assertThat(result.placements().size() + result.failures().size()).isEqualTo(input.work().size());
        for (AuctionResult.Failure failure : result.failures()) {
            boolean anyMatch = input.cells().stream().anyMatch(cell -> matches(cell, failure.work()));
            assertThat(failure.error() == PlacementError.NO_COMPATIBLE_CELL).isEqualTo(!anyMatch);
        }
    }

    @Property(tries = 300)
    void keepsEachProcessWithinOneInstanceAcrossZonesWhenRoomAllows(@ForAll("roomyProblems") AuctionInput input) {
        AuctionResult result = new Auction().run(input);
        assertThat(result.failures()).allMatch(failure -> failure.error() == PlacementError.NO_COMPATIBLE_CELL);

        Map<String, List<Placement>> byProcess = result.placements()
            .stream()
            .collect(Collectors.groupingBy(p -> p.work().process()));
        byProcess.forEach((process, placements) -> {
            WorkItem sample = placements.get(0).work();
            Set<String> zones = input.cells()
                .stream()
                .filter(cell -> matches(cell, sample))
                .map(CellSpec::zone)
                .collect(Collectors.toSet());
            Map<String, Long> perZone = placements.stream()
                .collect(Collectors.groupingBy(Placement::zone, Collectors.counting()));
            List<Long> counts = zones.stream().map(zone -> perZone.getOrDefault(zone, 0L)).toList();
            assertThat(Collections.max(counts) - Collections.min(counts)).as("zone skew of %s: %s", process, perZone)
                .isLessThanOrEqualTo(1);
        });
    }

    @Property(tries = 200)
    void theSameInputGivesTheSameOutputWhateverTheOrderOfTheCells(@ForAll("problems") AuctionInput input) {
        List<CellSpec> shuffled = new ArrayList<>(input.cells());
        Collections.shuffle(shuffled, new Random(input.work().size()));

        AuctionResult first = new Auction().run(input);
        AuctionResult again = new Auction().run(input);
        AuctionResult reordered = new Auction().run(new AuctionInput(shuffled, input.occupancy(), input.work()));

        assertThat(again).isEqualTo(first);
        assertThat(reordered).isEqualTo(first);
    }

    /** docs/design.md's rule, written independently of the auction's own matcher. */
    private static boolean matches(CellSpec cell, WorkItem work) {
        Set<String> cellTags = new HashSet<>(cell.requiredTags());
        cellTags.addAll(cell.optionalTags());
        String scheme = work.rootfs().substring(0, work.rootfs().indexOf(':'));
        return cellTags.containsAll(work.rules().requiredTags())
                && work.rules().requiredTags().containsAll(cell.requiredTags())
                && Collections.disjoint(cellTags, work.rules().forbiddenTags())
                && (cell.rootfsProviders().contains(work.rootfs()) || cell.rootfsProviders().contains(scheme));
    }

    private static Map<String, CellSpec> byId(List<CellSpec> cells) {
        return cells.stream().collect(Collectors.toMap(CellSpec::cellId, cell -> cell));
    }

    @Provide
    Arbitrary<AuctionInput> problems() {
        return Combinators.combine(cells(1, false), processes(false), Arbitraries.integers().between(0, 20))
            .as(AuctionPropertiesTest::withRunningWork);
    }

    @Provide
    Arbitrary<AuctionInput> roomyProblems() {
        return Combinators.combine(cells(3, true), processes(true))
            .as((cells, work) -> new AuctionInput(cells, Occupancy.NONE, work));
    }

    /**
     * Puts instances of some of the work's processes on random cells with room, as
     * already running.
     */
    private static AuctionInput withRunningWork(List<CellSpec> cells, List<WorkItem> work, int running) {
        Random random = new Random(running * 31L + cells.size());
        Resources instance = Resources.ofInstance(256, 256);
        Map<String, Resources> used = new HashMap<>();
        List<PlacedInstance> placed = new ArrayList<>();
        for (int i = 0; i < running; i++) {
            CellSpec cell = cells.get(random.nextInt(cells.size()));
            Resources load = used.getOrDefault(cell.cellId(), Resources.NONE).plus(instance);
            if (fits(load, cell.capacity())) {
                used.put(cell.cellId(), load);
                placed
                    .add(new PlacedInstance(cell.cellId(), work.get(random.nextInt(work.size())).process(), instance));
            }
        }
        return new AuctionInput(cells, AuctionFixtures.occupancyOf(placed), work);
    }

    private static boolean fits(Resources load, Resources capacity) {
        return load.memoryMb() <= capacity.memoryMb() && load.diskMb() <= capacity.diskMb()
                && load.containers() <= capacity.containers();
    }

    private static Arbitrary<List<CellSpec>> cells(int minCount, boolean roomy) {
        Arbitrary<CellSpec> cell = Combinators
            .combine(Arbitraries.of("z1", "z2", "z3"), Arbitraries.of(TAGS).set().ofMaxSize(2),
                    Arbitraries.of(TAGS).set().ofMaxSize(roomy ? 0 : 1),
                    Arbitraries.of(Set.of("preloaded:cflinuxfs4", "docker"), Set.of("preloaded:cflinuxfs4"),
                            Set.of("docker")),
                    roomy ? Arbitraries.just(new Resources(1_000_000, 1_000_000, 1000)) : capacities())
            .as((zone, optional, required, rootfs, capacity) -> new CellSpec("pending", zone, required, optional,
                    rootfs, capacity));
        return cell.list().ofMinSize(minCount).ofMaxSize(30).map(list -> {
            List<CellSpec> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                CellSpec c = list.get(i);
                named.add(new CellSpec("cell-" + i, c.zone(), c.requiredTags(), c.optionalTags(), c.rootfsProviders(),
                        c.capacity()));
            }
            return named;
        });
    }

    private static Arbitrary<Resources> capacities() {
        return Combinators
            .combine(Arbitraries.longs().between(0, 8192), Arbitraries.longs().between(0, 8192),
                    Arbitraries.integers().between(0, 8))
            .as(Resources::new);
    }

    private static Arbitrary<List<WorkItem>> processes(boolean roomy) {
        Arbitrary<List<WorkItem>> process = Combinators
            .combine(Arbitraries.strings().withCharRange('a', 'e').ofLength(3), Arbitraries.integers().between(1, 15),
                    Arbitraries.of(ROOTFSES), Arbitraries.longs().between(0, 2048),
                    Arbitraries.of(TAGS).set().ofMaxSize(2), Arbitraries.of(TAGS).set().ofMaxSize(roomy ? 0 : 1),
                    Arbitraries.integers().between(1, 3).injectNull(roomy ? 1.0 : 0.7))
            .as((name, count, rootfs, memory, required, forbidden, cap) -> {
                Set<String> allowed = new HashSet<>(forbidden);
                allowed.removeAll(required);
                PlacementRules rules = new PlacementRules(required, allowed, Map.of("ssd", 5), cap);
                return AuctionFixtures.instances(name, count, rootfs, Resources.ofInstance(memory, memory), rules);
            });
        return process.list().ofMinSize(1).ofMaxSize(5).map(AuctionPropertiesTest::numbered);
    }

    /** Makes each generated process's name unique by its position. */
    private static List<WorkItem> numbered(List<List<WorkItem>> processes) {
        List<WorkItem> work = new ArrayList<>();
        for (int p = 0; p < processes.size(); p++) {
            for (WorkItem item : processes.get(p)) {
                String process = item.process() + p;
                work.add(new WorkItem(process + item.id().substring(item.id().indexOf('/')), process, item.rootfs(),
                        item.needs(), item.rules()));
            }
        }
        return work;
    }

}
