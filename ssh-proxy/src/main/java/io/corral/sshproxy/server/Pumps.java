package io.corral.sshproxy.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Copying between the two hops' streams, flushing as data arrives (interactive use). */
final class Pumps {

    static final int BUFFER = 32 * 1024;

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

}
