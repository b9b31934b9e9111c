package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.AbstractChannel;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.StreamingChannel.Streaming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both directions of a forwarded TCP connection ({@code ssh -L}, {@code ssh -R}): a
 * channel the proxy accepted on one hop and the channel it opened for it on the other,
 * copied asynchronously with each channel's window opening only as its data is written on
 * (see {@link OrderedOutput}). When the opened channel's data ends, the accepted channel
 * ends after the last of it.
 */
final class ConnectionRelay {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRelay.class);

    private final AbstractChannel accepted;

    private final OrderedOutput toOpened = new OrderedOutput();

    private final OrderedOutput toAccepted = new OrderedOutput();

    private final ReceivedData received;

    private final LongConsumer fromOpenedCounter;

    private volatile ClientChannel opened;

    private volatile ChannelAsyncOutputStream acceptedOut;

    /**
     * For {@code accepted}; what it receives counts on {@code fromAcceptedCounter}, what
     * the opened channel receives on {@code fromOpenedCounter}.
     */
    ConnectionRelay(AbstractChannel accepted, LongConsumer fromAcceptedCounter, LongConsumer fromOpenedCounter) {
        this.accepted = accepted;
        this.received = new ReceivedData(accepted.getLocalWindow(), toOpened, fromAcceptedCounter);
        this.fromOpenedCounter = fromOpenedCounter;
    }

    /** Call before opening {@code channel}: it will stream asynchronously. */
    void opening(ClientChannel channel) {
        channel.setStreaming(Streaming.Async);
        opened = channel;
    }

    /**
     * Starts copying once the opened channel is open; runs {@code ended} (which ends the
     * accepted channel) after the opened channel's data has all been written on.
     */
    void start(Runnable ended) {
        ClientChannel channel = opened;
        ChannelAsyncOutputStream out = new ChannelAsyncOutputStream(accepted, SshConstants.SSH_MSG_CHANNEL_DATA);
        acceptedOut = out;
        toOpened.attach(channel.getAsyncIn());
        toAccepted.attach(out);
        StreamPump.start(channel.getAsyncOut(), StreamPump.Framing.BYTES, toAccepted, fromOpenedCounter, ended);
    }

    /** Data the accepted channel received. */
    void received(byte[] data, int offset, long length) {
        received.received(data, offset, (int) length);
    }

    /**
     * The accepted channel's peer sent EOF: so does the opened channel, after the data.
     */
    void eof() {
        received.afterWritten(() -> {
            ClientChannel channel = opened;
            if (channel != null) {
                channel.getAsyncIn().close(false);
            }
        });
    }

    /** The accepted channel's peer opened its window: writing may go on. */
    void windowExpanded() {
        ChannelAsyncOutputStream out = acceptedOut;
        if (out != null) {
            try {
                out.onWindowExpanded();
            }
            catch (IOException e) {
                log.trace("a forwarded connection's write failed", e);
            }
        }
    }

    /**
     * The accepted channel closed: so do the opened one and what is still being written.
     */
    void closed() {
        ClientChannel channel = opened;
        if (channel != null) {
            channel.close(false);
        }
        ChannelAsyncOutputStream out = acceptedOut;
        if (out != null) {
            out.close(true);
        }
    }

}
