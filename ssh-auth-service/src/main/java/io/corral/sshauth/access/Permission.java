package io.corral.sshauth.access;

/** One thing a session may do once logged in; the proxy enforces each per channel. */
public enum Permission {

    /** An interactive shell (a pty session without a command). */
    SHELL,
    /** A command ({@code ssh host cmd}). */
    EXEC,
    /** {@code ssh -L}: direct-tcpip channels to the instance. */
    LOCAL_PORT_FORWARDING,
    /** {@code ssh -R}: tcpip-forward requests. */
    REMOTE_PORT_FORWARDING,
    /** Reading files out: {@code scp -f}, sftp reads. */
    FILE_READ,
    /** Writing files in: {@code scp -t}, sftp writes. */
    FILE_WRITE

}
