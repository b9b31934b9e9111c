package io.corral.sshproxy.server;

import io.corral.sshproxy.access.RemoteForwards.Forward;
import java.io.IOException;
import org.apache.sshd.client.channel.AsyncCapableClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * A {@code forwarded-tcpip} channel the proxy opens to the user's client: a connection
 * the instance accepted on a port of the user's {@code ssh -R}, named as the instance
 * named it so the client finds its forwarding.
 */
final class ForwardedTcpipToUser extends AsyncCapableClientChannel {

    private final Forward forward;

    private final String originatorHost;

    private final int originatorPort;

    ForwardedTcpipToUser(Forward forward, String originatorHost, int originatorPort) {
        super("forwarded-tcpip", false);
        this.forward = forward;
        this.originatorHost = originatorHost;
        this.originatorPort = originatorPort;
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        if (closeFuture.isClosed()) {
            throw new SshException("the user's session has been closed");
        }
        openFuture = new DefaultOpenFuture(forward, futureLock);
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN, 64);
        buffer.putString(getChannelType());
        buffer.putUInt(getChannelId());
        buffer.putUInt(getLocalWindow().getSize());
        buffer.putUInt(getLocalWindow().getPacketSize());
        buffer.putString(forward.host());
        buffer.putUInt(forward.port());
        buffer.putString(originatorHost);
        buffer.putUInt(originatorPort);
        writePacket(buffer);
        return openFuture;
    }

}
