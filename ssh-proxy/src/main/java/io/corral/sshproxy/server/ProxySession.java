package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.ChannelPolicy;
import io.corral.sshproxy.access.ChannelRequest;
import io.corral.sshproxy.access.Permissions;
import io.corral.sshproxy.auth.Grant;
import io.corral.sshproxy.auth.SshAuthClient;
import io.corral.sshproxy.access.RemoteForwards;
import io.corral.sshproxy.access.RemoteForwards.Forward;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's login through the proxy: the grant ssh-auth-service gave, the second hop to
 * the instance, and the channels relayed over it. Decides each channel request against
 * the grant's current permissions, reports taints once each, and ends everything when
 * access is withdrawn.
 */
public final class ProxySession {

    static final AttributeKey<ProxySession> KEY = new AttributeKey<>();

    private static final String FORWARD = "tcpip-forward";

    private static final String CANCEL_FORWARD = "cancel-tcpip-forward";

    private static final Logger log = LoggerFactory.getLogger(ProxySession.class);

    private final ServerSession session;

    private final ClientSession target;

    private final SshAuthClient sshAuth;

    private final Executor executor;

    private final Relays relays;

    private final Set<Taint> taints = EnumSet.noneOf(Taint.class);

    private final RemoteForwards forwards = new RemoteForwards();

    private volatile Grant grant;

    ProxySession(ServerSession session, ClientSession target, Grant grant, SshAuthClient sshAuth, Executor executor) {
        this.session = session;
        this.target = target;
        this.grant = grant;
        this.relays = new Relays(grant.permissions());
        this.sshAuth = sshAuth;
        this.executor = executor;
        target.setAttribute(KEY, this);
    }

    static ProxySession of(ServerSession session) {
        ProxySession proxySession = session.getAttribute(KEY);
        if (proxySession == null) {
            throw new IllegalStateException("a channel before a completed login");
        }
        return proxySession;
    }

    /** The user's session whose second hop {@code target} is, if it is one. */
    static ProxySession ofTarget(Session target) {
        return target.getAttribute(KEY);
    }

    public Grant grant() {
        return grant;
    }

    ClientSession target() {
        return target;
    }

    ServerSession user() {
        return session;
    }

    /**
     * Asks the instance's daemon to listen on {@code host:port} for the user (the port it
     * chose when {@code port} is 0), or empty when it refuses or does not answer in time.
     * A fixed port is known before the daemon can hand back a connection on it (a chosen
     * one once the daemon names it), and cancelled at once if the permission was
     * withdrawn while the daemon answered.
     */
    OptionalInt forward(String host, int port, Duration timeout) throws IOException {
        CompletableFuture<OptionalInt> answer = new CompletableFuture<>();
        if (port != 0) {
            forwards.add(new Forward(host, port));
        }
        target.request(globalRequest(FORWARD, true, host, port), FORWARD, (command, reply) -> {
            if (command != SshConstants.SSH_MSG_REQUEST_SUCCESS) {
                forwards.remove(new Forward(host, port));
                answer.complete(OptionalInt.empty());
                return;
            }
            Forward forward = new Forward(host, port == 0 ? (int) reply.getUInt() : port);
            forwards.add(forward);
            if (!answer.complete(OptionalInt.of(forward.port())) && forwards.remove(forward)) {
                cancel(forward);
            }
            forwards.withdrawnBy(grant.permissions()).forEach(this::cancel);
        });
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            return abandon(answer, new Forward(host, port));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon(answer, new Forward(host, port));
        }
    }

    private OptionalInt abandon(CompletableFuture<OptionalInt> answer, Forward asked) {
        if (answer.complete(OptionalInt.empty())) {
            forwards.remove(asked);
        }
        return OptionalInt.empty();
    }

    /** The user's {@code cancel-tcpip-forward}, passed on; whether the daemon agreed. */
    boolean cancelForwarding(String host, int port, Duration timeout) throws IOException {
        forwards.remove(new Forward(host, port));
        return target.request(CANCEL_FORWARD, globalRequest(CANCEL_FORWARD, true, host, port), timeout) != null;
    }

    AccessDecision decideForwardedConnection(Forward forward) {
        return forwards.decideConnection(forward, grant.permissions());
    }

    private void cancel(Forward forward) {
        try {
            target.writePacket(globalRequest(CANCEL_FORWARD, false, forward.host(), forward.port()));
        }
        catch (IOException e) {
            log.debug("could not cancel the forwarding {} of grant {}: {}", forward, grant.grantId(), e.toString());
        }
    }

    private Buffer globalRequest(String name, boolean wantReply, String host, int port) {
        Buffer buffer = target.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 64);
        buffer.putString(name);
        buffer.putBoolean(wantReply);
        buffer.putString(host);
        buffer.putUInt(port);
        return buffer;
    }

    /**
     * The decision for {@code request} now; an allowed tainting request reports its
     * taint.
     */
    AccessDecision decide(ChannelRequest request) {
        AccessDecision decision = ChannelPolicy.decide(request, grant.permissions());
        decision.taint().ifPresent(this::taint);
        if (!decision.allowed()) {
            log.info("refused {} for grant {}: {}", request.getClass().getSimpleName(), grant.grantId(),
                    decision.refusal());
        }
        return decision;
    }

    Permissions permissions() {
        return grant.permissions();
    }

    void taint(Taint taint) {
        synchronized (taints) {
            if (!taints.add(taint)) {
                return;
            }
        }
        String grantId = grant.grantId();
        executor.execute(() -> {
            try {
                sshAuth.taint(grantId, taint.reason());
            }
            catch (RuntimeException e) {
                log.warn("could not report the taint ({}) of grant {}: {}", taint.reason(), grantId, e.getMessage());
            }
        });
    }

    /** Registers {@code relay}; false when permissions changed since it was allowed. */
    boolean add(Relay relay) {
        return relays.add(relay);
    }

    void remove(Relay relay) {
        relays.remove(relay);
    }

    /** The grant's permissions changed: relays no longer permitted end. */
    public void permissionsChanged(Permissions permissions) {
        grant = grant.withPermissions(permissions);
        forwards.withdrawnBy(permissions).forEach(this::cancel);
        relays.permissionsChanged(permissions);
    }

    /** Access was withdrawn: the user is told why and disconnected. */
    public void revoke(String reason) {
        String message = "access withdrawn: " + reason;
        log.info("closing the session of grant {}: {}", grant.grantId(), message);
        relays.withdrawAll(message);
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, message);
        }
        catch (IOException e) {
            session.close(true);
        }
    }

    /** The user's connection closed: the second hop closes and the grant is released. */
    void ended() {
        target.close(false);
        String grantId = grant.grantId();
        executor.execute(() -> {
            try {
                sshAuth.release(grantId);
            }
            catch (RuntimeException e) {
                log.warn("could not report the end of grant {}: {}", grantId, e.getMessage());
            }
        });
    }

}
