package io.corral.cell.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import java.util.List;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/**
 * The SSH daemon of one instance of an LRP with a {@code diego-ssh} route, the target the
 * ssh-proxy logs in to on its second hop, as Diego's in-container daemon is. It accepts
 * one user with one public key (nothing else: no password, no keyboard-interactive) and
 * serves a shell with or without a terminal, {@code exec} with its exit status, the sftp
 * subsystem (so {@code scp}, {@code scp -O} and {@code sftp} work) and {@code ssh -L} to
 * the instance's own ports, all in the instance's directory and environment. Remote,
 * agent and X11 forwarding are refused. Closing it ends every live session and what runs
 * in them.
 */
public final class InstanceSshServer implements AutoCloseable {

    private final SshServer server;

    private final InstanceSshSpec spec;

    private InstanceSshServer(SshServer server, InstanceSshSpec spec) {
        this.server = server;
        this.spec = spec;
    }

    /**
     * Listens on the spec's address and port.
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static InstanceSshServer start(InstanceSshSpec spec) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(spec.address());
        server.setPort(spec.port());
        server.setKeyPairProvider(KeyPairProvider.wrap(spec.hostKey()));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setPublickeyAuthenticator(
                (user, key, session) -> spec.user().equals(user) && KeyUtils.compareKeys(spec.authorizedKey(), key));
        server.setShellFactory(channel -> new InstanceProcess(spec, null));
        server.setCommandFactory((channel, command) -> new InstanceProcess(spec, command));
        server.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        server.setSubsystemFactories(List.of(new InstanceSftp(spec.directory())));
        InstancePortForwarding forwarding = new InstancePortForwarding(spec.ports());
        server.setForwardingFilter(ForwardingFilter.asForwardingFilter(RejectAllForwardingFilter.INSTANCE,
                RejectAllForwardingFilter.INSTANCE, forwarding));
        server.setChannelFactories(List.<ChannelFactory>of(ChannelSessionFactory.INSTANCE, forwarding));
        try {
            server.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(
                    "the instance's SSH daemon cannot listen on " + spec.address() + ":" + spec.port(), e);
        }
        return new InstanceSshServer(server, spec);
    }

    /** The port it listens on (the one chosen when the spec asked for any). */
    public int port() {
        return server.getPort();
    }

    /** Its host key's fingerprints, for the route's {@code host_fingerprint}. */
    public HostKeyFingerprints hostKeyFingerprints() {
        return HostKeyFingerprints.of(spec.hostKey().getPublic());
    }

    /** Stops listening and ends every live session and the processes run in them. */
    @Override
    public void close() {
        try {
            server.stop(true);
        }
        catch (IOException e) {
            throw new UncheckedIOException("the instance's SSH daemon did not stop cleanly", e);
        }
    }

}
