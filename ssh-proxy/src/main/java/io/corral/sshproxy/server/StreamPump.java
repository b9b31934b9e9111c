package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what a channel receives (read from its asynchronous stream) to another channel's
 * {@link OrderedOutput}. The next read is asked for only when the last piece has been
 * written on, and reading is what opens the source channel's window, so the sender is
 * held back by the receiver without a thread waiting. Data the channel had received
 * before it closed is still read (MINA keeps it for the reader); the end of the stream
 * comes after it.
 */
final class StreamPump {

    /** How much of the waiting data can go on now. */
    interface Framing {

        /** Everything: a byte stream. */
        Framing BYTES = Buffer::available;

        /**
         * The bytes from {@code waiting}'s read position that can be written now; may
         * make room in it for what is still missing.
         */
        int ready(Buffer waiting) throws IOException;

    }

    static final int CHUNK = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StreamPump.class);

    private final IoInputStream from;

    private final Framing framing;

    private final OrderedOutput to;

    private final LongConsumer counter;

    private final Runnable ended;

    private final Buffer buffer = new ByteArrayBuffer(CHUNK, false);

    private StreamPump(IoInputStream from, Framing framing, OrderedOutput to, LongConsumer counter, Runnable ended) {
        this.from = from;
        this.framing = framing;
        this.to = to;
        this.counter = counter;
        this.ended = ended;
    }

    /**
     * Starts copying {@code from} to {@code to} in {@code framing}'s units; runs
     * {@code ended} after the last of it has been written (or the copy failed).
     */
    static void start(IoInputStream from, Framing framing, OrderedOutput to, LongConsumer counter, Runnable ended) {
        new StreamPump(from, framing, to, counter, ended).readMore();
    }

    private void readMore() {
        buffer.compact();
        if (buffer.capacity() == 0) {
            buffer.ensureCapacity(CHUNK);
        }
        IoReadFuture read;
        try {
            read = from.read(buffer);
        }
        catch (RuntimeException e) {
            end(e);
            return;
        }
        read.addListener(this::received);
    }

    private void received(IoReadFuture read) {
        if (read.getException() != null) {
            end(read.getException());
            return;
        }
        int ready;
        try {
            ready = framing.ready(buffer);
        }
        catch (IOException e) {
            end(e);
            return;
        }
        if (ready == 0) {
            readMore();
            return;
        }
        Buffer piece = new ByteArrayBuffer(buffer.array(), buffer.rpos(), ready, true);
        to.write(piece, () -> {
            counter.accept(ready);
            buffer.rpos(buffer.rpos() + ready);
            readMore();
        });
    }

    private void end(Throwable cause) {
        log.trace("a relayed stream ended", cause);
        to.afterWritten(ended);
    }

}
