package io.corral.placement.auction;

import io.corral.placement.auction.AuctionResult.Failure;
import io.corral.placement.auction.AuctionResult.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places work on cells by docs/design.md's rules: only on matching cells with room, a
 * process's instances spread over zones first (fewest of the process), then within the
 * zone by preference, fewest of the process on the cell, lowest resource use and cell id.
 * Plain Java: no Spring, JPA or HTTP. The same input always gives the same output.
 */
public final class Auction {

    public AuctionResult run(AuctionInput input) {
        CellPool pool = new CellPool(input.cells(), input.occupancy(),
                input.work().stream().map(WorkItem::process).collect(Collectors.toSet()));
        CompatibleCells compatible = new CompatibleCells(pool);
        List<DemandGroup> groups = DemandGroup.of(input.work());
        List<Placement> placements = new ArrayList<>(input.work().size());
        List<Failure> failures = new ArrayList<>();
        // Every group's first item before any group's second, so scarce room goes to one
        // instance of each process first.
        for (DemandGroup group : groups) {
            new GroupPlacer(pool, group, compatible.of(group)).place(group.items().subList(0, 1), placements, failures);
        }
        for (DemandGroup group : groups) {
            if (group.items().size() > 1) {
                new GroupPlacer(pool, group, compatible.of(group)).place(group.items().subList(1, group.items().size()),
                        placements, failures);
            }
        }
        return new AuctionResult(placements, failures);
    }

    /**
     * Every cell's verdict on one item, as {@link #run} would see it with nothing else to
     * place.
     */
    public Explanation explain(AuctionInput input, WorkItem item) {
        return new Explainer(new CellPool(input.cells(), input.occupancy(), Set.of(item.process())), item)
            .explain(run(new AuctionInput(input.cells(), input.occupancy(), List.of(item))));
    }

}
