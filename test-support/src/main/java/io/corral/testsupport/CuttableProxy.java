package io.corral.testsupport;

import io.corral.support.Threads;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a loopback port that forwards to a server and that a test can
 * {@link #cut()} and {@link #restore()}: how a test makes a service's database
 * unreachable without stopping the PostgreSQL other tests share ({@link DatabaseOutage}).
 *
 * <p>
 * A cut is the harder kind of outage: every live connection is closed at once, and new
 * connections are accepted but never answered, as a partitioned network or a hung server
 * leaves them, so only the client's own time limits end its wait.
 */
public final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress target;

    private final ServerSocket listener;

    private final ExecutorService threads = Executors.newCachedThreadPool(Threads.daemon("cuttable-proxy"));

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile boolean cut;

    public CuttableProxy(String host, int port) {
        this.target = new InetSocketAddress(host, port);
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** The loopback port that forwards to the target while not cut. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy and leaves new ones unanswered. */
    public void cut() {
        cut = true;
        closeAll();
    }

    /**
     * Forwards new connections again; the ones left unanswered during the cut are closed.
     */
    public void restore() {
        cut = false;
        closeAll();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        closeAll();
        threads.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                if (!cut) {
                    threads.execute(() -> forward(client));
                }
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        open.add(server);
        try {
            server.connect(target, 1_000);
            if (cut) {
                throw new IOException("cut while connecting");
            }
            threads.execute(() -> pump(server, client));
            pump(client, server);
        }
        catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Copies {@code from} to {@code to} until either side closes, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException e) {
            // Either side closed or was cut: end both.
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void closeQuietly(Closeable closeable) {
        if (closeable instanceof Socket socket) {
            open.remove(socket);
        }
        try {
            closeable.close();
        }
        catch (IOException e) {
            // Already closed.
        }
    }

}
