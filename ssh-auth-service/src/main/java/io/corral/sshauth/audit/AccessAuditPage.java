package io.corral.sshauth.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * Access audit entries newest first; {@code next_before_id} asks for the next older page,
 * null after the last.
 */
public record AccessAuditPage(List<AccessAuditEntry> entries, @JsonInclude(Include.ALWAYS) Long nextBeforeId) {
}
