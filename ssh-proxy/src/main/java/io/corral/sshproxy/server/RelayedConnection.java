package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forwarded TCP connection's channel that the proxy accepted on one hop ({@code ssh -L}
 * from the user, {@code ssh -R} from the instance), relayed through a
 * {@link ConnectionRelay} to the channel it opens for it on the other hop. It opens when
 * that channel opens, and ends after the last of that channel's data.
 */
abstract class RelayedConnection extends AbstractServerChannel implements Relay {

    private static final Logger log = LoggerFactory.getLogger(RelayedConnection.class);

    private ConnectionRelay relay;

    RelayedConnection(String type) {
        super(type, List.of(), null);
    }

    /**
     * Opens {@code other} (made for this channel, not yet open) and relays to it once it
     * is: this channel then opens too, or fails saying {@code failure}.
     */
    final void relayTo(ClientChannel other, ConnectionRelay connection, ProxySession session, OpenFuture opened,
            String failure) throws IOException {
        relay = connection;
        connection.opening(other);
        other.open().addListener(otherOpened -> {
            if (otherOpened.isOpened()) {
                signalChannelOpenSuccess();
                opened.setOpened();
                addCloseFutureListener(closed -> {
                    session.remove(this);
                    connection.closed();
                });
                if (session.add(this)) {
                    connection.start(this::endAfterData);
                }
            }
            else {
                signalChannelOpenFailure(otherOpened.getException());
                opened.setException(
                        new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_CONNECT_FAILED, failure));
            }
        });
    }

    /** The other side of the connection ended and all it sent was written. */
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
