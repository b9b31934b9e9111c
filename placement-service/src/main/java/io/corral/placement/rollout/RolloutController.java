package io.corral.placement.rollout;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/rollouts} (newest first) and {@code GET /v1/rollouts/{id}} with each
 * instance's progress.
 */
@RestController
@RequestMapping("/v1/rollouts")
class RolloutController {

    private final RolloutService rollouts;

    RolloutController(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    @Operation(summary = "List the latest rollouts")
    @GetMapping
    List<RolloutView> recent() {
        return rollouts.recent();
    }

    @Operation(summary = "Get a rollout with its progress")
    @GetMapping("/{id}")
    RolloutView rollout(@PathVariable long id) {
        return rollouts.view(id);
    }

}
