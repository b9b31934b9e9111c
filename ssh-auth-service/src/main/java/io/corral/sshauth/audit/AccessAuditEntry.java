package io.corral.sshauth.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited SSH access event as the audit API shows it: a login decision (outcome
 * {@code granted} or the refusal's reason) or what became of a grant.
 */
public record AccessAuditEntry(long id, Instant at, String username, String userId, String userName,
        String clientAddress, String processGuid, String instanceGuid, Integer index, String outcome, UUID grantId) {
}
