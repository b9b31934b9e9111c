package io.corral.sshproxy.auth;

import io.corral.sshproxy.access.Permissions;

/**
 * One grant in the answer of {@code POST /v1/ssh/grants/check}; not live unless it says
 * so.
 */
public record GrantStatus(String grantId, Boolean live, String reason, PermissionsJson permissions) {

    public boolean isLive() {
        return Boolean.TRUE.equals(live);
    }

    /** The grant's permissions now, if the answer gave them. */
    public Permissions currentPermissions() {
        return permissions == null ? null : permissions.toPermissions();
    }

}
