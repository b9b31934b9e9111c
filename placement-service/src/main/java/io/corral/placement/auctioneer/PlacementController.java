package io.corral.placement.auctioneer;

import io.corral.placement.auction.AuctionResult;
import io.corral.placement.auction.Explanation;
import io.corral.placement.auction.PlacementRules;
import io.corral.receptor.api.ApiPatterns;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/placement/explain} and {@code POST /v1/placement/simulate}: the
 * auction's reasoning, with no side effects.
 */
@RestController
@Validated
@RequestMapping("/v1/placement")
class PlacementController {

    private final PlacementQueries queries;

    PlacementController(PlacementQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Explain where an instance is or would be placed, cell by cell")
    @GetMapping("/explain")
    ExplainResponse explain(
            @RequestParam("process_guid") @Size(max = ApiPatterns.MAX_GUID_LENGTH) @Pattern(regexp = ApiPatterns.GUID,
                    message = ApiPatterns.GUID_MESSAGE) String processGuid,
            @RequestParam("index") @Min(0) @Max(ApiPatterns.MAX_INSTANCES) int index) {
        return ExplainResponse.of(processGuid, index, queries.explain(processGuid, index));
    }

    @Operation(summary = "Simulate placing instances without placing them")
    @PostMapping("/simulate")
    SimulationResponse simulate(@Valid @RequestBody SimulationRequest request) {
        return SimulationResponse.of(queries.simulate(request));
    }

    record ExplainResponse(String processGuid, int index, Rules rules, String chosenCellId, String placementError,
            List<Explanation.CellVerdict> cells) {

        static ExplainResponse of(String processGuid, int index, Explanation explanation) {
            return new ExplainResponse(processGuid, index, Rules.of(explanation.work().rules()),
                    explanation.chosenCellId(),
                    explanation.placementError() == null ? null : explanation.placementError().message(),
                    explanation.cells());
        }
    }

    /**
     * The effective rules the instance is placed by: its own tags with its space's
     * constraint.
     */
    record Rules(List<String> requiredTags, List<String> forbiddenTags, Map<String, Integer> preferredTags,
            Integer maxInstancesPerCell) {

        static Rules of(PlacementRules rules) {
            return new Rules(rules.requiredTags().stream().sorted().toList(),
                    rules.forbiddenTags().stream().sorted().toList(), new TreeMap<>(rules.preferredTags()),
                    rules.maxInstancesPerCell());
        }
    }

    record SimulationResponse(List<SimulatedPlacement> placements, List<SimulatedFailure> failures,
            Map<String, Integer> instancesPerZone) {

        static SimulationResponse of(AuctionResult result) {
            Map<String, Integer> perZone = new TreeMap<>();
            List<SimulatedPlacement> placements = result.placements().stream().map(p -> {
                perZone.merge(p.zone(), 1, Integer::sum);
                return new SimulatedPlacement(Integer.parseInt(p.work().id()), p.cellId(), p.zone());
            }).toList();
            List<SimulatedFailure> failures = result.failures()
                .stream()
                .map(f -> new SimulatedFailure(Integer.parseInt(f.work().id()), f.error().message()))
                .toList();
            return new SimulationResponse(placements, failures, perZone);
        }
    }

    record SimulatedPlacement(int index, String cellId, String zone) {
    }

    record SimulatedFailure(int index, String placementError) {
    }

}
