package io.corral.sshauth.policy;

import io.corral.sshauth.access.Permissions;

/**
 * The permissions a level lets through, as an admin writes them: an omitted permission is
 * not narrowed at this level.
 */
record PermissionSettings(Boolean shell, Boolean exec, Boolean localPortForwarding, Boolean remotePortForwarding,
        Boolean fileRead, Boolean fileWrite) {

    Permissions toPermissions() {
        return new Permissions(on(shell), on(exec), on(localPortForwarding), on(remotePortForwarding), on(fileRead),
                on(fileWrite));
    }

    private static boolean on(Boolean value) {
        return value == null || value;
    }

}
