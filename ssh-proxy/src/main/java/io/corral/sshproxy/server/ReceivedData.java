package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data a channel receives, passed on to the other hop's {@link OrderedOutput} in order.
 * The receiving channel's window is opened again by each piece only once it has been
 * written there, so a slow instance (or user) holds the sender back; nothing blocks the
 * SSH I/O thread that delivers the data.
 */
final class ReceivedData {

    private static final Logger log = LoggerFactory.getLogger(ReceivedData.class);

    private final LocalWindow window;

    private final OrderedOutput to;

    private final LongConsumer counter;

    ReceivedData(LocalWindow window, OrderedOutput to, LongConsumer counter) {
        this.window = window;
        this.to = to;
        this.counter = counter;
    }

    /** Copies {@code data} (the session reuses its array) and queues it. */
    void received(byte[] data, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        to.write(new ByteArrayBuffer(copy), () -> {
            counter.accept(length);
            release(window, length);
        });
    }

    /** Runs {@code action} after everything received so far has been written on. */
    void afterWritten(Runnable action) {
        to.afterWritten(action);
    }

    /** Opens {@code window} by {@code length} bytes again. */
    static void release(LocalWindow window, long length) {
        try {
            window.release(length);
        }
        catch (IOException | RuntimeException e) {
            log.trace("could not open a relayed channel's window", e);
        }
    }

}
