package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import java.io.IOException;
import java.util.List;
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
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ssh -L}: a {@code direct-tcpip} channel relayed to a {@code direct-tcpip}
 * channel of the second hop, so the connection is made from inside the instance (to its
 * {@code localhost}, say), never from the proxy. Refused with "administratively
 * prohibited" and the reason when the grant does not allow local port forwarding.
 */
final class DirectTcpipRelay extends AbstractServerChannel implements Relay {

    private static final Logger log = LoggerFactory.getLogger(DirectTcpipRelay.class);

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

    private ConnectionRelay relay;

    private volatile ChannelDirectTcpip target;

    private DirectTcpipRelay(ProxyMetrics metrics) {
        super("direct-tcpip", List.of(), null);
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
        relay = new ConnectionRelay(this, metrics::relayedToInstance, metrics::relayedFromInstance);
        try {
            ChannelDirectTcpip channel = session.target()
                .createDirectTcpipChannel(new SshdSocketAddress(originatorHost, originatorPort),
                        new SshdSocketAddress(host, port));
            target = channel;
            relay.opening(channel);
            channel.open().addListener(targetOpened -> {
                if (targetOpened.isOpened()) {
                    signalChannelOpenSuccess();
                    opened.setOpened();
                    session.add(this);
                    addCloseFutureListener(closed -> {
                        session.remove(this);
                        relay.closed();
                    });
                    relay.start(this::endAfterData);
                }
                else {
                    signalChannelOpenFailure(targetOpened.getException());
                    opened
                        .setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED,
                                "the instance could not connect to " + host + ":" + port));
                }
            });
        }
        catch (IOException e) {
            opened.setException(e);
        }
        return opened;
    }

    /** The instance's side of the connection ended and all it sent was written. */
    private void endAfterData() {
        try {
            sendEof();
        }
        catch (IOException e) {
            log.trace("could not send EOF", e);
        }
        close(false);
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) {
        relay.received(data, off, len);
    }

    @Override
    public void handleWindowAdjust(Buffer buffer) throws IOException {
        super.handleWindowAdjust(buffer);
        if (relay != null) {
            relay.windowExpanded();
        }
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new IOException("a forwarded connection carries no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        if (relay != null) {
            relay.eof();
        }
    }

    @Override
    public void withdraw(String message) {
        close(true);
    }

}
