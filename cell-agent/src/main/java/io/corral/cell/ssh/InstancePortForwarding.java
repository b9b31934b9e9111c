package io.corral.cell.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * {@code ssh -L} into an instance: a {@code direct-tcpip} channel may reach the
 * instance's own ports on the loopback and nothing else. A port is named by its container
 * port (what a Cloud Foundry user types: {@code ssh -L 8080:localhost:8080}), connected
 * to the host port mapped to it, or by the host port itself. Listening ({@code ssh -R})
 * is refused.
 */
final class InstancePortForwarding extends TcpipServerChannel.TcpipFactory implements TcpForwardingFilter {

    private final Map<Integer, Integer> ports;

    InstancePortForwarding(Map<Integer, Integer> ports) {
        super(TcpForwardingFilter.Type.Direct);
        this.ports = ports;
    }

    /**
     * The host port a connection to {@code host:port} goes to; empty when not allowed.
     */
    Optional<Integer> hostPort(String host, int port) {
        if (!isLoopback(host)) {
            return Optional.empty();
        }
        if (ports.containsKey(port)) {
            return Optional.of(ports.get(port));
        }
        return ports.containsValue(port) ? Optional.of(port) : Optional.empty();
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return false;
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        return type == Type.Direct && address.getHostName().equals("127.0.0.1")
                && ports.containsValue(address.getPort());
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        return new ToInstancePort(getExecutorService());
    }

    /**
     * A {@code direct-tcpip} channel whose target is rewritten to the host port on
     * {@code 127.0.0.1} before it is checked and connected; a target that is not one of
     * the instance's ports is rewritten to port 0, which the filter refuses.
     */
    private final class ToInstancePort extends TcpipServerChannel {

        ToInstancePort(CloseableExecutorService executor) {
            super(Type.Direct, executor);
        }

        @Override
        protected OpenFuture doInit(Buffer buffer) {
            String host = buffer.getString();
            int port = buffer.getInt();
            Buffer rewritten = new ByteArrayBuffer();
            rewritten.putString("127.0.0.1");
            rewritten.putInt(hostPort(host, port).orElse(0));
            rewritten.putBuffer(buffer);
            return super.doInit(rewritten);
        }

    }

}
