package io.corral.benchmarks;

import io.corral.placement.auction.Auction;
import io.corral.placement.auction.AuctionInput;
import io.corral.placement.auction.AuctionResult;
import io.corral.placement.auction.Occupancy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The placement service's auction, {@code new Auction().run(input)}, over a whole problem
 * in one call.
 */
final class OurAuction {

    private OurAuction() {
    }

    static PlacementRun run(PlacementProblem problem) {
        AuctionInput input = new AuctionInput(problem.cells(), Occupancy.NONE, problem.work());
        long start = System.nanoTime();
        AuctionResult result = new Auction().run(input);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> processNumbers = new HashMap<>();
        problem.processes().forEach(p -> processNumbers.put(p.guid(), p.number()));
        Map<String, String> zoneOfCell = new HashMap<>();
        problem.cells().forEach(cell -> zoneOfCell.put(cell.cellId(), cell.zone()));
        List<PlacementCheck.Placed> placed = new ArrayList<>(result.placements().size());
        int zoneMismatches = 0;
        for (AuctionResult.Placement placement : result.placements()) {
            placed.add(new PlacementCheck.Placed(processNumbers.get(placement.work().process()), placement.cellId()));
            String zone = zoneOfCell.get(placement.cellId());
            if (zone != null && !zone.equals(placement.zone())) {
                zoneMismatches++;
            }
        }
        Map<String, Long> reasons = new TreeMap<>();
        result.failures().forEach(f -> reasons.merge(f.error().message(), 1L, Long::sum));
        return new PlacementRun(seconds, placed, result.failures().size(), reasons, zoneMismatches);
    }

}
