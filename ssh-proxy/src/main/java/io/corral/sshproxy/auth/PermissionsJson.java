package io.corral.sshproxy.auth;

import io.corral.sshproxy.access.Permissions;

/** Permissions as ssh-auth-service writes them; a switch left out is off. */
public record PermissionsJson(Boolean shell, Boolean exec, Boolean localPortForwarding, Boolean remotePortForwarding,
        Boolean fileRead, Boolean fileWrite) {

    public Permissions toPermissions() {
        return new Permissions(on(shell), on(exec), on(localPortForwarding), on(remotePortForwarding), on(fileRead),
                on(fileWrite));
    }

    private static boolean on(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

}
