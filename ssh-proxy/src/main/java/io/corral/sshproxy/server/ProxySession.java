package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.AccessDecision.Taint;
import io.corral.sshproxy.access.ChannelPolicy;
import io.corral.sshproxy.access.ChannelRequest;
import io.corral.sshproxy.access.Permissions;
import io.corral.sshproxy.auth.Grant;
import io.corral.sshproxy.auth.SshAuthClient;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
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

    private static final Logger log = LoggerFactory.getLogger(ProxySession.class);

    private final ServerSession session;

    private final ClientSession target;

    private final SshAuthClient sshAuth;

    private final Executor executor;

    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();

    private final Set<Taint> taints = EnumSet.noneOf(Taint.class);

    private volatile Grant grant;

    ProxySession(ServerSession session, ClientSession target, Grant grant, SshAuthClient sshAuth, Executor executor) {
        this.session = session;
        this.target = target;
        this.grant = grant;
        this.sshAuth = sshAuth;
        this.executor = executor;
    }

    static ProxySession of(ServerSession session) {
        ProxySession proxySession = session.getAttribute(KEY);
        if (proxySession == null) {
            throw new IllegalStateException("a channel before a completed login");
        }
        return proxySession;
    }

    public Grant grant() {
        return grant;
    }

    ClientSession target() {
        return target;
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

    void add(Relay relay) {
        relays.add(relay);
    }

    void remove(Relay relay) {
        relays.remove(relay);
    }

    /** The grant's permissions changed: relays no longer permitted end. */
    public void permissionsChanged(Permissions permissions) {
        grant = grant.withPermissions(permissions);
        for (Relay relay : relays) {
            AccessDecision decision = ChannelPolicy.decide(relay.request(), permissions);
            if (!decision.allowed()) {
                relay.withdraw("access withdrawn: " + decision.refusal());
            }
        }
    }

    /** Access was withdrawn: the user is told why and disconnected. */
    public void revoke(String reason) {
        String message = "access withdrawn: " + reason;
        log.info("closing the session of grant {}: {}", grant.grantId(), message);
        relays.forEach(relay -> relay.withdraw(message));
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
