package io.corral.sshproxy.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copying between the two hops' streams, flushing as data arrives (interactive use). */
final class Pumps {

    static final int BUFFER = 32 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Pumps.class);

    private Pumps() {
    }

    /**
     * Copies until {@code in} ends; counts what was copied. Flushes whenever nothing more
     * is waiting, so interactive data goes at once and bulk data in full packets.
     */
    static void copy(InputStream in, OutputStream out, LongConsumer counter) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (read > 0) {
                out.write(buffer, 0, read);
                if (in.available() == 0) {
                    out.flush();
                }
                counter.accept(read);
            }
        }
    }

    /**
     * {@link #pipe(Executor, InputStream, OutputStream, LongConsumer, Runnable)} with
     * nothing to run after.
     */
    static void pipe(Executor executor, InputStream in, OutputStream out, LongConsumer counter) {
        pipe(executor, in, out, counter, () -> {
        });
    }

    /**
     * One direction of a forwarded connection: copies {@code in} to {@code out} on
     * {@code executor}, closes {@code out} when {@code in} ends (a peer going away ends
     * it too), then runs {@code ended}.
     */
    static void pipe(Executor executor, InputStream in, OutputStream out, LongConsumer counter, Runnable ended) {
        executor.execute(() -> {
            try (OutputStream sink = out) {
                copy(in, sink, counter);
            }
            catch (IOException e) {
                log.trace("a forwarded connection's stream ended", e);
            }
            finally {
                ended.run();
            }
        });
    }

}
