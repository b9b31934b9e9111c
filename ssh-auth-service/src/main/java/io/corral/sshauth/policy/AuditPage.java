package io.corral.sshauth.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * Audit entries newest first; {@code next_before_id} asks for the next older page, null
 * after the last.
 */
record AuditPage(List<PolicyAuditEntry> entries, @JsonInclude(Include.ALWAYS) Long nextBeforeId) {
}
