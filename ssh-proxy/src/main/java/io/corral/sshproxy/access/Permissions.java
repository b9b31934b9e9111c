package io.corral.sshproxy.access;

/**
 * What a grant lets its holder do on the instance, each switch as ssh-auth-service
 * decided it (the AND of platform, space and app). Missing switches are off.
 */
public record Permissions(boolean shell, boolean exec, boolean localPortForwarding, boolean remotePortForwarding,
        boolean fileRead, boolean fileWrite) {

    public static final Permissions NONE = new Permissions(false, false, false, false, false, false);

    public static final Permissions ALL = new Permissions(true, true, true, true, true, true);

    public Permissions withShell(boolean allowed) {
        return new Permissions(allowed, exec, localPortForwarding, remotePortForwarding, fileRead, fileWrite);
    }

    public Permissions withFileRead(boolean allowed) {
        return new Permissions(shell, exec, localPortForwarding, remotePortForwarding, allowed, fileWrite);
    }

    public Permissions withRemotePortForwarding(boolean allowed) {
        return new Permissions(shell, exec, localPortForwarding, allowed, fileRead, fileWrite);
    }

    public Permissions withExec(boolean allowed) {
        return new Permissions(shell, allowed, localPortForwarding, remotePortForwarding, fileRead, fileWrite);
    }

}
