package io.corral.sshproxy.access;

/** Something a user asks of the instance over an SSH connection. */
public sealed interface ChannelRequest {

    /** An interactive shell ({@code shell} request). */
    record Shell() implements ChannelRequest {
    }

    /** A command ({@code exec} request), scp's remote end included. */
    record Exec(String command) implements ChannelRequest {
    }

    /** A subsystem, such as {@code sftp}. */
    record Subsystem(String name) implements ChannelRequest {
    }

    /**
     * A connection from the instance to {@code host:port} ({@code direct-tcpip},
     * {@code ssh -L}).
     */
    record DirectTcpip(String host, int port) implements ChannelRequest {
    }

    /** A listening port on the instance ({@code tcpip-forward}, {@code ssh -R}). */
    record TcpipForward(String host, int port) implements ChannelRequest {
    }

}
