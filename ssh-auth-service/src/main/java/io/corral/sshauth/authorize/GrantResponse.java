package io.corral.sshauth.authorize;

import io.corral.sshauth.access.Permissions;
import java.util.UUID;

/**
 * A granted login: where to connect and with what. {@code private_key} is a credential:
 * never printed.
 */
record GrantResponse(UUID grantId, String userId, String userName, String processGuid, String instanceGuid, int index,
        String appGuid, String spaceGuid, String address, int port, String user, String privateKey,
        String hostFingerprint, Permissions permissions, boolean replaceTainted) {

    @Override
    public String toString() {
        return "GrantResponse[grantId=" + grantId + ", processGuid=" + processGuid + ", index=" + index + "]";
    }

}
