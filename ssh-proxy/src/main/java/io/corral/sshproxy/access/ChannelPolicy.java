package io.corral.sshproxy.access;

import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.ChannelRequest.DirectTcpip;
import io.corral.sshproxy.access.ChannelRequest.Exec;
import io.corral.sshproxy.access.ChannelRequest.Shell;
import io.corral.sshproxy.access.ChannelRequest.Subsystem;
import io.corral.sshproxy.access.ChannelRequest.TcpipForward;
import java.util.Optional;

/**
 * Which channel requests a grant's {@link Permissions} allow. {@code scp -f} needs
 * {@code file_read} and {@code scp -t} {@code file_write} (not {@code exec}); any other
 * command needs {@code exec}; the {@code sftp} subsystem needs either file permission
 * (its requests are then checked one by one, {@link SftpRequests}); no other subsystem is
 * relayed. An interactive shell and anything that writes files taint the instance.
 */
public final class ChannelPolicy {

    private ChannelPolicy() {
    }

    public static AccessDecision decide(ChannelRequest request, Permissions permissions) {
        if (request instanceof Shell) {
            return permissions.shell() ? AccessDecision.allowTainting(Taint.SHELL)
                    : AccessDecision.refuse("an interactive shell is not permitted on this instance");
        }
        if (request instanceof Exec exec) {
            return decideExec(exec.command(), permissions);
        }
        if (request instanceof Subsystem subsystem) {
            return decideSubsystem(subsystem.name(), permissions);
        }
        if (request instanceof DirectTcpip) {
            return permissions.localPortForwarding() ? AccessDecision.allow()
                    : AccessDecision.refuse("local port forwarding is not permitted on this instance");
        }
        if (request instanceof TcpipForward) {
            return permissions.remotePortForwarding() ? AccessDecision.allow()
                    : AccessDecision.refuse("remote port forwarding is not permitted on this instance");
        }
        return AccessDecision.refuse("this request is not permitted");
    }

    /** Whether an SFTP request needing {@code access} is allowed. */
    public static boolean allowsSftp(SftpRequests.Access access, Permissions permissions) {
        return switch (access) {
            case NONE -> true;
            case LOOKUP -> permissions.fileRead() || permissions.fileWrite();
            case READ -> permissions.fileRead();
            case WRITE -> permissions.fileWrite();
            case READ_WRITE -> permissions.fileRead() && permissions.fileWrite();
        };
    }

    private static AccessDecision decideExec(String command, Permissions permissions) {
        Optional<ScpCommand.Direction> scp = ScpCommand.direction(command);
        if (scp.isEmpty()) {
            return permissions.exec() ? AccessDecision.allow()
                    : AccessDecision.refuse("running commands is not permitted on this instance");
        }
        return switch (scp.get()) {
            case READ -> permissions.fileRead() ? AccessDecision.allow()
                    : AccessDecision.refuse("copying files from this instance is not permitted");
            case WRITE -> permissions.fileWrite() ? AccessDecision.allowTainting(Taint.FILE_WRITE)
                    : AccessDecision.refuse("copying files to this instance is not permitted");
        };
    }

    private static AccessDecision decideSubsystem(String name, Permissions permissions) {
        if (!"sftp".equals(name)) {
            return AccessDecision.refuse("the subsystem " + printable(name) + " is not available");
        }
        return permissions.fileRead() || permissions.fileWrite() ? AccessDecision.allow()
                : AccessDecision.refuse("file transfer is not permitted on this instance");
    }

    private static String printable(String text) {
        String bounded = text.length() > 64 ? text.substring(0, 64) : text;
        return bounded.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f) ? "'" + bounded + "'" : "requested";
    }

}
