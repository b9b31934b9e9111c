package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.channel.PtyChannelConfiguration;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that remembers the terminal the user asked for, so the relay can ask
 * the instance for the same one, passes window size changes and signals on, and can end
 * as a command killed by a signal ends.
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

    /** Where the user's {@code signal} requests go. */
    interface SignalListener {

        void signalled(String signal) throws IOException;

    }

    private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z0-9@._-]{1,64}");

    private volatile PtyChannelConfiguration pty;

    private volatile SignalListener signalListener;

    private volatile ResizeListener resizeListener;

    /** The terminal the user asked for, or null without {@code pty-req}. */
    PtyChannelConfiguration pty() {
        return pty;
    }

    void onResize(ResizeListener listener) {
        this.resizeListener = listener;
    }

    void onSignal(SignalListener listener) {
        this.signalListener = listener;
    }

    /**
     * Ends the channel the way a command killed by {@code signal} ends:
     * {@code exit-signal} in place of {@code exit-status}; false (nothing sent) for a
     * name that is no signal's.
     */
    boolean exitBySignal(String signal) throws IOException {
        if (!SIGNAL_NAME.matcher(signal).matches()) {
            return false;
        }
        sendEof();
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
        buffer.putUInt(getRecipient());
        buffer.putString("exit-signal");
        buffer.putBoolean(false);
        buffer.putString(signal);
        buffer.putBoolean(false);
        buffer.putString("");
        buffer.putString("");
        writePacket(buffer);
        close(false);
        return true;
    }

    @Override
    protected Result handleSignalParsed(String signal) throws IOException {
        SignalListener listener = signalListener;
        if (listener == null || !SIGNAL_NAME.matcher(signal).matches()) {
            return super.handleSignalParsed(signal);
        }
        listener.signalled(signal);
        return Result.ReplySuccess;
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
