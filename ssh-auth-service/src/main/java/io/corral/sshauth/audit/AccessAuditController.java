package io.corral.sshauth.audit;

import io.corral.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The SSH access audit, for platform admins ({@code ssh.admin}). */
@RestController
public class AccessAuditController {

    private static final int MAX_LIMIT = 1000;

    private final AccessAudit audit;

    public AccessAuditController(AccessAudit audit) {
        this.audit = audit;
    }

    @Operation(summary = "Page through the audit of SSH login decisions and grants")
    @GetMapping("/v1/ssh/access/audit")
    public AccessAuditPage audit(@RequestParam(name = "before_id", required = false) Long beforeId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalidRequest("limit: must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (beforeId != null && beforeId < 1) {
            throw ApiException.invalidRequest("before_id: must be positive, not " + beforeId);
        }
        return audit.page(beforeId, limit);
    }

}
