package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import io.corral.sshproxy.access.RemoteForwards.Forward;
import java.io.IOException;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ssh -R}, the way back: a {@code forwarded-tcpip} channel the instance's daemon
 * opens on the second hop (a connection to a port the user had forwarded) relayed to a
 * {@code forwarded-tcpip} channel the proxy opens to the user's client. Refused unless
 * the user asked for that port and the grant still permits remote port forwarding.
 */
final class ForwardedTcpipRelay extends RelayedConnection {

    private static final Logger log = LoggerFactory.getLogger(ForwardedTcpipRelay.class);

    /** Makes these channels for the second hop's {@code forwarded-tcpip} channel type. */
    static final class Factory implements ChannelFactory {

        private final ProxyMetrics metrics;

        Factory(ProxyMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public String getName() {
            return "forwarded-tcpip";
        }

        @Override
        public Channel createChannel(Session session) {
            return new ForwardedTcpipRelay(metrics);
        }

    }

    private final ProxyMetrics metrics;

    private ChannelRequest.TcpipForward request;

    private ForwardedTcpipRelay(ProxyMetrics metrics) {
        super("forwarded-tcpip");
        this.metrics = metrics;
    }

    @Override
    public ChannelRequest request() {
        return request;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        Forward forward = new Forward(buffer.getString(), buffer.getInt());
        String originatorHost = buffer.getString();
        int originatorPort = buffer.getInt();
        request = new ChannelRequest.TcpipForward(forward.host(), forward.port());
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);
        ProxySession session = ProxySession.ofTarget(getSession());
        AccessDecision decision = session == null ? AccessDecision.refuse("no user session")
                : session.decideForwardedConnection(forward);
        if (!decision.allowed()) {
            log.info("refused a forwarded connection on {}: {}", forward, decision.refusal());
            opened.setException(new SshChannelOpenException(getChannelId(),
                    SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, decision.refusal()));
            return opened;
        }
        try {
            ForwardedTcpipToUser toUser = new ForwardedTcpipToUser(forward, originatorHost, originatorPort);
            session.user().getService(ConnectionService.class).registerChannel(toUser);
            relayTo(toUser, new ConnectionRelay(this, metrics::relayedFromInstance, metrics::relayedToInstance),
                    session, opened, "the user's client refused the connection");
        }
        catch (IOException e) {
            opened.setException(e);
        }
        return opened;
    }

}
