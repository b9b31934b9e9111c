package io.corral.sshproxy.server;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's asynchronous stream, written in order and never from a blocked thread:
 * each write starts when the one before it has been handed to the SSH session, and its
 * callback runs then (the caller opens the window of the channel the data came from, so a
 * slow reader slows the writer instead of filling memory). Writes queued before the
 * stream is known wait for it. Once a write fails (the channel is closing) the rest are
 * dropped, their callbacks still run.
 */
final class OrderedOutput {

    private static final Logger log = LoggerFactory.getLogger(OrderedOutput.class);

    private record Pending(Buffer data, Runnable done) {
    }

    private final Deque<Pending> queue = new ArrayDeque<>();

    private IoOutputStream stream;

    private boolean writing;

    private boolean failed;

    /** Starts writing to {@code stream}, what was queued first. */
    void attach(IoOutputStream stream) {
        synchronized (this) {
            this.stream = stream;
        }
        drain();
    }

    /** Queues {@code data} (not to be changed until {@code written} runs). */
    void write(Buffer data, Runnable written) {
        enqueue(new Pending(data, written));
    }

    /** Runs {@code action} once everything queued before it has been written. */
    void afterWritten(Runnable action) {
        enqueue(new Pending(null, action));
    }

    private void enqueue(Pending pending) {
        synchronized (this) {
            queue.add(pending);
        }
        drain();
    }

    private void drain() {
        while (true) {
            Pending next;
            boolean skip;
            synchronized (this) {
                if (writing || (stream == null && !failed) || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                skip = failed || next.data() == null;
                writing = !skip;
            }
            if (skip) {
                next.done().run();
            }
            else {
                start(next);
            }
        }
    }

    private void start(Pending pending) {
        IoWriteFuture future;
        try {
            future = stream.writeBuffer(pending.data());
        }
        catch (IOException | RuntimeException e) {
            failed(pending, e);
            return;
        }
        future.addListener(written -> {
            if (!written.isWritten()) {
                failed(pending, written.getException());
                return;
            }
            synchronized (this) {
                writing = false;
            }
            pending.done().run();
            drain();
        });
    }

    private void failed(Pending pending, Throwable cause) {
        log.trace("a relayed stream's write failed", cause);
        synchronized (this) {
            failed = true;
            writing = false;
        }
        pending.done().run();
        drain();
    }

}
