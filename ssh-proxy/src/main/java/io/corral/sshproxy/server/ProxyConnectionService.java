package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelRequest;
import java.io.IOException;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.AbstractServerSession;
import org.apache.sshd.server.session.ServerConnectionService;
import org.apache.sshd.server.session.ServerConnectionServiceFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * The connection service with one addition: a {@code direct-tcpip} open the grant does
 * not permit is refused here, so that the failure carries the reason (MINA's own refusal
 * path replaces it with a generic text) and OpenSSH prints it.
 */
final class ProxyConnectionService extends ServerConnectionService {

    /** Makes this service for every login. */
    static final ServerConnectionServiceFactory FACTORY = new ServerConnectionServiceFactory() {
        @Override
        public Service create(Session session) throws IOException {
            return new ProxyConnectionService((AbstractServerSession) session);
        }
    };

    private ProxyConnectionService(AbstractServerSession session) throws IOException {
        super(session);
    }

    @Override
    protected void channelOpen(Buffer buffer) throws Exception {
        int start = buffer.rpos();
        String type = buffer.getString();
        if ("direct-tcpip".equals(type)) {
            long sender = buffer.getUInt();
            buffer.getUInt();
            buffer.getUInt();
            String host = buffer.getString();
            int port = buffer.getInt();
            ServerSession session = getServerSession();
            AccessDecision decision = ProxySession.of(session).decide(new ChannelRequest.DirectTcpip(host, port));
            if (!decision.allowed()) {
                sendChannelOpenFailure(session.createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN_FAILURE, 64), sender,
                        SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, decision.refusal(), "");
                return;
            }
        }
        buffer.rpos(start);
        super.channelOpen(buffer);
    }

}
