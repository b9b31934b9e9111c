package io.corral.sshproxy.auth;

/**
 * A grant as ssh-auth-service writes it, before the proxy reads it into a {@link Grant}.
 */
record GrantJson(String grantId, String userId, String userName, String processGuid, String instanceGuid, Integer index,
        String appGuid, String spaceGuid, String address, Integer port, String user, String privateKey,
        String hostFingerprint, PermissionsJson permissions, Boolean replaceTainted) {

    Grant toGrant() {
        return new Grant(grantId, userId, userName, processGuid, instanceGuid, index == null ? -1 : index, appGuid,
                spaceGuid, address, port == null ? 0 : port, user, privateKey, hostFingerprint,
                permissions == null ? null : permissions.toPermissions(), Boolean.TRUE.equals(replaceTainted));
    }

    @Override
    public String toString() {
        return toGrant().toString();
    }

}
