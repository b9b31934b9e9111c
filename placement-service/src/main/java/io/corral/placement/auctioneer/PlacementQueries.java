package io.corral.placement.auctioneer;

import io.corral.placement.auction.Auction;
import io.corral.placement.auction.AuctionInput;
import io.corral.placement.auction.AuctionResult;
import io.corral.placement.auction.Explanation;
import io.corral.placement.auction.Occupancy;
import io.corral.placement.auction.Resources;
import io.corral.placement.auction.WorkItem;
import io.corral.placement.constraint.ConstraintBook;
import io.corral.placement.constraint.Lifecycle;
import io.corral.placement.constraint.PlacementConstraintService;
import io.corral.placement.model.PlacementContext;
import io.corral.placement.model.ReceptorWork;
import io.corral.placement.receptor.ReceptorSnapshots;
import io.corral.support.web.ApiException;
import io.corral.support.web.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * Read-only questions to the auction: where would this instance go and why, where would
 * this LRP go.
 */
@Service
public class PlacementQueries {

    // Not a valid process_guid, so a simulation never counts a real process's instances
    // as its own.
    static final String SIMULATED_PROCESS = "(simulated)";

    private final ReceptorSnapshots snapshots;

    private final PlacementConstraintService constraints;

    private final AuctioneerProperties properties;

    private final Auction auction = new Auction();

    public PlacementQueries(ReceptorSnapshots snapshots, PlacementConstraintService constraints,
            AuctioneerProperties properties) {
        this.snapshots = snapshots;
        this.constraints = constraints;
        this.properties = properties;
    }

    /** Every cell's verdict on the index's instance, as if it were being placed now. */
    public Explanation explain(String processGuid, int index) {
        PlacementContext context = snapshots.placementContext(processGuid, index)
            .orElseThrow(() -> new ApiException(ErrorCode.ACTUAL_LRP_INDEX_NOT_FOUND,
                    "no instance " + index + " of process_guid '" + processGuid + "'"));
        WorkItem item = rules(constraints.current()).workFor(context.desiredLrp(), index);
        return auction.explain(new AuctionInput(snapshots.cells(), context.others(), List.of()), item);
    }

    /** Where {@code request}'s instances would go now; nothing is written. */
    public AuctionResult simulate(SimulationRequest request) {
        Occupancy occupancy = snapshots.occupancy();
        Lifecycle lifecycle = request.lifecycle() == null ? Lifecycle.RUNNING
                : Lifecycle.valueOf(request.lifecycle().toUpperCase(Locale.ROOT));
        var rules = constraints.current().rulesFor(request.spaceGuid(), lifecycle, request.placementTags());
        Resources needs = ReceptorWork.needs(request.memoryMb(), request.diskMb());
        List<WorkItem> work = new ArrayList<>(request.instances());
        for (int index = 0; index < request.instances(); index++) {
            work.add(new WorkItem(Integer.toString(index), SIMULATED_PROCESS, request.rootfs(), needs, rules));
        }
        return auction.run(new AuctionInput(snapshots.cells(), occupancy, work));
    }

    private WorkRules rules(ConstraintBook book) {
        return new WorkRules(book, new HashSet<>(properties.stagingDomains()));
    }

}
