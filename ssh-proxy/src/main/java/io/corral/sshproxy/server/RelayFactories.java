package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * Turns a session channel's shell, exec and subsystem requests into relays to the
 * instance, or into refusals when the grant does not permit them.
 */
final class RelayFactories implements ShellFactory, CommandFactory, SubsystemFactory {

    private final ExecutorService executor;

    private final ProxyMetrics metrics;

    private final Duration openTimeout;

    RelayFactories(ExecutorService executor, ProxyMetrics metrics, Duration openTimeout) {
        this.executor = executor;
        this.metrics = metrics;
        this.openTimeout = openTimeout;
    }

    @Override
    public Command createShell(ChannelSession channel) {
        return relayOrRefusal(channel, new ChannelRequest.Shell());
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        return relayOrRefusal(channel, new ChannelRequest.Exec(command));
    }

    @Override
    public String getName() {
        return "sftp";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        return relayOrRefusal(channel, new ChannelRequest.Subsystem(getName()));
    }

    private Command relayOrRefusal(ChannelSession channel, ChannelRequest request) {
        ProxySession session = ProxySession.of(channel.getServerSession());
        AccessDecision decision = session.decide(request);
        if (!decision.allowed()) {
            return new Refusal(decision.refusal());
        }
        return new SessionRelay(session, (ProxyChannelSession) channel, request, executor, metrics, openTimeout);
    }

}
