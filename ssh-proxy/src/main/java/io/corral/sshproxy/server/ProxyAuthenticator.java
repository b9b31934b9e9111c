package io.corral.sshproxy.server;

import io.corral.sshproxy.auth.AuthorizeOutcome;
import io.corral.sshproxy.auth.SshAuthClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every password (and keyboard-interactive answer) goes to ssh-auth-service with the
 * username and the client's address; on a grant the second hop is opened before the login
 * succeeds, so a user is never let in to an instance the proxy cannot reach. A refusal's
 * message is shown to the user as a banner. The work runs off the SSH I/O threads.
 */
final class ProxyAuthenticator implements PasswordAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ProxyAuthenticator.class);

    private static final int MAX_MESSAGE = 512;

    private final SshAuthClient sshAuth;

    private final SecondHop secondHop;

    private final SessionRegistry registry;

    private final ProxyMetrics metrics;

    private final Executor executor;

    ProxyAuthenticator(SshAuthClient sshAuth, SecondHop secondHop, SessionRegistry registry, ProxyMetrics metrics,
            Executor executor) {
        this.sshAuth = sshAuth;
        this.secondHop = secondHop;
        this.registry = registry;
        this.metrics = metrics;
        this.executor = executor;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        AsyncAuthException pending = new AsyncAuthException();
        executor.execute(() -> pending.setAuthed(decide(username, password, session)));
        throw pending;
    }

    private boolean decide(String username, String password, ServerSession session) {
        try {
            AuthorizeOutcome outcome = sshAuth.authorize(username, password, address(session.getClientAddress()));
            if (outcome instanceof AuthorizeOutcome.Granted granted) {
                return open(granted, session);
            }
            metrics.login(outcome.metricOutcome());
            if (outcome instanceof AuthorizeOutcome.Refused refused) {
                banner(session, refused.message());
            }
            else {
                log.warn("no login decision for {}: {}", session.getClientAddress(),
                        ((AuthorizeOutcome.Unavailable) outcome).detail());
                banner(session, "access cannot be decided now; try again later");
            }
            return false;
        }
        catch (RuntimeException e) {
            log.warn("login from {} failed: {}", session.getClientAddress(), e.toString());
            metrics.login("error");
            return false;
        }
    }

    private boolean open(AuthorizeOutcome.Granted granted, ServerSession session) {
        ClientSession target;
        try {
            target = secondHop.connect(granted.grant());
        }
        catch (SecondHop.SecondHopException e) {
            log.warn("grant {}: {}", granted.grant().grantId(), e.getMessage());
            metrics.login("target_unreachable");
            banner(session, "the instance cannot be reached now");
            sshAuth.release(granted.grant().grantId());
            return false;
        }
        ProxySession proxySession = new ProxySession(session, target, granted.grant(), sshAuth, executor);
        session.setAttribute(ProxySession.KEY, proxySession);
        registry.add(proxySession);
        target.addCloseFutureListener(closed -> session.close(false));
        log.info("login granted: {} from {}", granted.grant(), session.getClientAddress());
        metrics.login("granted");
        return true;
    }

    private static void banner(ServerSession session, String message) {
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        try {
            Buffer buffer = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_BANNER);
            buffer.putString("corral: " + text.replaceAll("[\\p{Cntrl}&&[^\n]]", "") + "\r\n");
            buffer.putString("");
            session.writePacket(buffer);
        }
        catch (IOException e) {
            log.trace("could not send the banner", e);
        }
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

}
