package io.corral.sshauth.grant;

import io.corral.sshauth.access.Permissions;
import java.util.UUID;

/** A grant as the check answers it: {@code reason} only when revoked. */
public record GrantStatus(UUID grantId, boolean live, String reason, Permissions permissions) {
}
