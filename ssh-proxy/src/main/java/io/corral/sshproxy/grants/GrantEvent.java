package io.corral.sshproxy.grants;

import io.corral.sshproxy.auth.PermissionsJson;

/** The data of a grant event ({@code grant_revoked}, {@code grant_changed}). */
record GrantEvent(String grantId, String reason, PermissionsJson permissions) {
}
