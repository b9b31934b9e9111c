package io.corral.placement.constraint;

import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who changed which constraint when, newest first, a page at a time. */
@RestController
public class ConstraintAuditController {

    private static final int MAX_LIMIT = 1000;

    private final ConstraintAudit audit;

    public ConstraintAuditController(ConstraintAudit audit) {
        this.audit = audit;
    }

    @Operation(summary = "Page through the audit of constraint changes")
    @GetMapping("/v1/placement_constraints/audit")
    public AuditPage audit(@RequestParam(name = "space_guid", required = false) String spaceGuid,
            @RequestParam(required = false) String lifecycle, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(name = "before_id", required = false) Long beforeId) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidRequest("limit: must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (beforeId != null && beforeId < 1) {
            throw ApiException.invalidRequest("before_id: must be positive, not " + beforeId);
        }
        return audit.page(spaceGuid == null ? null : ApiValues.spaceGuid(spaceGuid),
                lifecycle == null ? null : ApiValues.lifecycle(lifecycle), beforeId, limit);
    }

}
