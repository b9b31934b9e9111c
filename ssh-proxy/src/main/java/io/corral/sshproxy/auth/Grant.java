package io.corral.sshproxy.auth;

import io.corral.sshproxy.access.Permissions;

/**
 * ssh-auth-service's yes to a login: which instance, how to reach its SSH daemon
 * (address, port, user, private key, host key fingerprint) and what the holder may do
 * there. {@link #toString()} leaves the private key out.
 */
public record Grant(String grantId, String userId, String userName, String processGuid, String instanceGuid, int index,
        String appGuid, String spaceGuid, String address, int port, String user, String privateKey,
        String hostFingerprint, Permissions permissions, boolean replaceTainted) {

    public Grant {
        permissions = permissions == null ? Permissions.NONE : permissions;
    }

    /** The same grant with {@code changed} permissions. */
    public Grant withPermissions(Permissions changed) {
        return new Grant(grantId, userId, userName, processGuid, instanceGuid, index, appGuid, spaceGuid, address, port,
                user, privateKey, hostFingerprint, changed, replaceTainted);
    }

    @Override
    public String toString() {
        return "Grant[grant_id=" + grantId + ", user_id=" + userId + ", process_guid=" + processGuid + ", index="
                + index + ", target=" + address + ":" + port + ", permissions=" + permissions + "]";
    }

}
