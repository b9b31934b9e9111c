package io.corral.sshauth.grant;

import io.corral.sshauth.access.Permissions;
import java.util.UUID;

/**
 * A granted login, live until the proxy ends the session or a re-decision revokes it.
 * {@code operator}: a {@code diego:} login; {@code delegated}: decided by the Cloud
 * Controller.
 */
public record Grant(UUID grantId, String userId, boolean admin, boolean operator, boolean delegated, String processGuid,
        String instanceGuid, int index, String appGuid, String spaceGuid, String clientAddress, Permissions permissions,
        boolean tainted) {
}
