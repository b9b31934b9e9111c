package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import java.io.IOException;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.session.ServerSession;

/**
 * {@code ssh -L}: a {@code direct-tcpip} channel relayed to a {@code direct-tcpip}
 * channel of the second hop, so the connection is made from inside the instance (to its
 * {@code localhost}, say), never from the proxy. Refused with "administratively
 * prohibited" and the reason when the grant does not allow local port forwarding.
 */
final class DirectTcpipRelay extends RelayedConnection {

    /** Makes these channels for the {@code direct-tcpip} channel type. */
    static final class Factory implements ChannelFactory {

        private final ProxyMetrics metrics;

        Factory(ProxyMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public String getName() {
            return "direct-tcpip";
        }

        @Override
        public Channel createChannel(Session session) {
            return new DirectTcpipRelay(metrics);
        }

    }

    private final ProxyMetrics metrics;

    private ChannelRequest.DirectTcpip request;

    private DirectTcpipRelay(ProxyMetrics metrics) {
        super("direct-tcpip");
        this.metrics = metrics;
    }

    @Override
    public ChannelRequest request() {
        return request;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String host = buffer.getString();
        int port = buffer.getInt();
        String originatorHost = buffer.getString();
        int originatorPort = buffer.getInt();
        request = new ChannelRequest.DirectTcpip(host, port);
        OpenFuture opened = new DefaultOpenFuture(this, futureLock);
        ProxySession session = ProxySession.of((ServerSession) getSession());
        AccessDecision decision = session.decide(request);
        if (!decision.allowed()) {
            opened.setException(new SshChannelOpenException(getChannelId(),
                    SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, decision.refusal()));
            return opened;
        }
        try {
            ChannelDirectTcpip channel = session.target()
                .createDirectTcpipChannel(new SshdSocketAddress(originatorHost, originatorPort),
                        new SshdSocketAddress(host, port));
            relayTo(channel, new ConnectionRelay(this, metrics::relayedToInstance, metrics::relayedFromInstance),
                    session, opened, "the instance could not connect to " + host + ":" + port);
        }
        catch (IOException e) {
            opened.setException(e);
        }
        return opened;
    }

}
