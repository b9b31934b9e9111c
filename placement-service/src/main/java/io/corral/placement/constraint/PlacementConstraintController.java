package io.corral.placement.constraint;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-space constraints and the defaults of each lifecycle; placement.admin only
 * (PlacementSecurityConfiguration).
 */
@RestController
public class PlacementConstraintController {

    private static final String SPACE = "/v1/spaces/{space_guid}/placement_constraints/{lifecycle}";

    private static final String DEFAULT = "/v1/placement_constraints/default/{lifecycle}";

    private final PlacementConstraintService service;

    private final ConstraintChanges changes;

    public PlacementConstraintController(PlacementConstraintService service, ConstraintChanges changes) {
        this.service = service;
        this.changes = changes;
    }

    @Operation(summary = "Set a space's placement constraint")
    @PutMapping(SPACE)
    public ConstraintPutResult putSpace(@PathVariable("space_guid") String spaceGuid, @PathVariable String lifecycle,
            @RequestParam(defaultValue = "none") String rollout, @Valid @RequestBody ConstraintRequest request,
            @AuthenticationPrincipal Jwt token) {
        return put(ApiValues.space(spaceGuid, lifecycle), rollout, request, token);
    }

    @Operation(summary = "Get a space's placement constraint")
    @GetMapping(SPACE)
    public StoredConstraint getSpace(@PathVariable("space_guid") String spaceGuid, @PathVariable String lifecycle) {
        return service.get(ApiValues.space(spaceGuid, lifecycle));
    }

    @Operation(summary = "Delete a space's placement constraint")
    @DeleteMapping(SPACE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteSpace(@PathVariable("space_guid") String spaceGuid, @PathVariable String lifecycle,
            @AuthenticationPrincipal Jwt token) {
        service.delete(ApiValues.space(spaceGuid, lifecycle), Actors.of(token));
    }

    @Operation(summary = "Set the default placement constraint")
    @PutMapping(DEFAULT)
    public ConstraintPutResult putDefault(@PathVariable String lifecycle,
            @RequestParam(defaultValue = "none") String rollout, @Valid @RequestBody ConstraintRequest request,
            @AuthenticationPrincipal Jwt token) {
        return put(ApiValues.defaultOf(lifecycle), rollout, request, token);
    }

    @Operation(summary = "Get the default placement constraint")
    @GetMapping(DEFAULT)
    public StoredConstraint getDefault(@PathVariable String lifecycle) {
        return service.get(ApiValues.defaultOf(lifecycle));
    }

    @Operation(summary = "Delete the default placement constraint")
    @DeleteMapping(DEFAULT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteDefault(@PathVariable String lifecycle, @AuthenticationPrincipal Jwt token) {
        service.delete(ApiValues.defaultOf(lifecycle), Actors.of(token));
    }

    /**
     * The distinct constraints of one lifecycle, or of both, each with its spaces;
     * defaults are marked.
     */
    @Operation(summary = "List the placement constraints with their spaces")
    @GetMapping("/v1/placement_constraints")
    public List<ConstraintListEntry> list(@RequestParam(required = false) String lifecycle) {
        EnumSet<Lifecycle> lifecycles = lifecycle == null ? EnumSet.allOf(Lifecycle.class)
                : EnumSet.of(ApiValues.lifecycle(lifecycle));
        return service.current().groups(lifecycles).stream().map(ConstraintListEntry::of).toList();
    }

    @Operation(summary = "List the placed instances that break their placement rules now")
    @GetMapping("/v1/placement_constraints/violations")
    public List<Violation> violations() {
        return changes.current();
    }

    private ConstraintPutResult put(ConstraintScope scope, String rollout, ConstraintRequest request, Jwt token) {
        return changes.put(scope, request.toConstraint(), ApiValues.oneOf("rollout", rollout, Rollout.class),
                Actors.of(token));
    }

}
