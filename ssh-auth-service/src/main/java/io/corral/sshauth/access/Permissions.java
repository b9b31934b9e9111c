package io.corral.sshauth.access;

/**
 * Which of the {@link Permission}s apply. At each level (platform, space, app) a set
 * narrows what the level above allows; the effective set is the AND of the three.
 */
public record Permissions(boolean shell, boolean exec, boolean localPortForwarding, boolean remotePortForwarding,
        boolean fileRead, boolean fileWrite) {

    public static final Permissions ALL = new Permissions(true, true, true, true, true, true);

    public static final Permissions NONE = new Permissions(false, false, false, false, false, false);

    public Permissions and(Permissions other) {
        return new Permissions(shell && other.shell, exec && other.exec,
                localPortForwarding && other.localPortForwarding, remotePortForwarding && other.remotePortForwarding,
                fileRead && other.fileRead, fileWrite && other.fileWrite);
    }

    public boolean allows(Permission permission) {
        return switch (permission) {
            case SHELL -> shell;
            case EXEC -> exec;
            case LOCAL_PORT_FORWARDING -> localPortForwarding;
            case REMOTE_PORT_FORWARDING -> remotePortForwarding;
            case FILE_READ -> fileRead;
            case FILE_WRITE -> fileWrite;
        };
    }

}
