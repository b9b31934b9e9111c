package io.corral.sshproxy.auth;

import io.corral.sshproxy.access.Permissions;

/** One grant in the answer of {@code POST /v1/ssh/grants/check}. */
public record GrantStatus(String grantId, boolean live, String reason, Permissions permissions) {
}
