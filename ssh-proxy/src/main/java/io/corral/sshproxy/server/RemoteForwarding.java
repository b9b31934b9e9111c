package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.ConnectionServiceRequestHandler;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.global.CancelTcpipForwardHandler;
import org.apache.sshd.server.global.TcpipForwardHandler;
import org.apache.sshd.server.session.ServerSession;

/**
 * {@code ssh -R}: the user's {@code tcpip-forward} and {@code cancel-tcpip-forward}
 * global requests, decided against the grant and passed on to the instance's daemon, so
 * the port listens inside the instance, never on the proxy. A refusal carries no text in
 * SSH; its reason goes out as a debug message ({@code ssh -v} prints it).
 */
final class RemoteForwarding implements ConnectionServiceRequestHandler {

    private final Duration timeout;

    private RemoteForwarding(Duration timeout) {
        this.timeout = timeout;
    }

    /** MINA's global request handlers, with its own port forwarding replaced by this. */
    static List<RequestHandler<ConnectionService>> globalRequestHandlers(Duration timeout) {
        List<RequestHandler<ConnectionService>> handlers = new ArrayList<>();
        for (RequestHandler<ConnectionService> handler : ServerBuilder.DEFAULT_GLOBAL_REQUEST_HANDLERS) {
            if (!(handler instanceof TcpipForwardHandler) && !(handler instanceof CancelTcpipForwardHandler)) {
                handlers.add(handler);
            }
        }
        handlers.add(new RemoteForwarding(timeout));
        return handlers;
    }

    @Override
    public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer)
            throws Exception {
        boolean forward = TcpipForwardHandler.REQUEST.equals(request);
        if (!forward && !CancelTcpipForwardHandler.REQUEST.equals(request)) {
            return Result.Unsupported;
        }
        String host = buffer.getString();
        int port = (int) buffer.getUInt();
        ServerSession session = (ServerSession) service.getSession();
        ProxySession proxySession = ProxySession.of(session);
        if (!forward) {
            return proxySession.cancelForwarding(host, port, timeout) ? Result.ReplySuccess : Result.ReplyFailure;
        }
        AccessDecision decision = proxySession.decide(new ChannelRequest.TcpipForward(host, port));
        if (!decision.allowed()) {
            session.sendDebugMessage(true, decision.refusal(), "");
            return Result.ReplyFailure;
        }
        OptionalInt bound = proxySession.forward(host, port, timeout);
        if (bound.isEmpty()) {
            return Result.ReplyFailure;
        }
        if (wantReply) {
            Buffer reply = session.createBuffer(SshConstants.SSH_MSG_REQUEST_SUCCESS, Integer.BYTES);
            if (port == 0) {
                reply.putUInt(bound.getAsInt());
            }
            session.writePacket(reply);
        }
        return Result.Replied;
    }

}
