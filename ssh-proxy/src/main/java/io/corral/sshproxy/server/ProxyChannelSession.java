package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that remembers the terminal the user asked for, so the relay can ask
 * the instance for the same one, and passes window size changes on.
 */
class ProxyChannelSession extends ChannelSession {

    /** Makes these channels for the {@code session} channel type. */
    static final ChannelFactory FACTORY = new ChannelFactory() {
        @Override
        public String getName() {
            return "session";
        }

        @Override
        public Channel createChannel(Session session) {
            return new ProxyChannelSession();
        }
    };

    /** Where window size changes go. */
    interface ResizeListener {

        void resized(int columns, int rows, int width, int height) throws IOException;

    }

    private volatile PtyChannelConfiguration pty;

    private volatile ResizeListener resizeListener;

    /** The terminal the user asked for, or null without {@code pty-req}. */
    PtyChannelConfiguration pty() {
        return pty;
    }

    void onResize(ResizeListener listener) {
        this.resizeListener = listener;
    }

    @Override
    protected Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
            Map<PtyMode, Integer> modes) throws IOException {
        Result result = super.handlePtyReqParsed(term, columns, rows, width, height, modes);
        PtyChannelConfiguration config = new PtyChannelConfiguration();
        config.setPtyType(term);
        config.setPtyColumns(columns);
        config.setPtyLines(rows);
        config.setPtyWidth(width);
        config.setPtyHeight(height);
        config.setPtyModes(modes);
        pty = config;
        return result;
    }

    @Override
    protected Result handleWindowChangeParsed(int columns, int rows, int width, int height) throws IOException {
        Result result = super.handleWindowChangeParsed(columns, rows, width, height);
        ResizeListener listener = resizeListener;
        if (listener != null) {
            listener.resized(columns, rows, width, height);
        }
        return result;
    }

}
