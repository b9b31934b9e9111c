package io.corral.sshauth.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited event of SSH access: a login decision (outcome {@code granted} or the
 * refusal's reason), or what became of a grant ({@code tainted:shell},
 * {@code revoked:ssh_disabled_space}, {@code replaced}). Never a credential.
 */
public record AccessRecord(Instant at, String username, String userId, String userName, String clientAddress,
        String processGuid, String instanceGuid, Integer index, String outcome, UUID grantId) {
}
