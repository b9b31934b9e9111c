package io.corral.sshauth.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One change of the policy or of a space's members: {@code before} is null for a
 * creation, {@code after} for a deletion (both JSON as the API shows them).
 */
record PolicyAuditEntry(long id, Instant at, String actor, String action, String scope, String guid,
        @JsonRawValue @JsonInclude(Include.ALWAYS) String before,
        @JsonRawValue @JsonInclude(Include.ALWAYS) String after) {
}
