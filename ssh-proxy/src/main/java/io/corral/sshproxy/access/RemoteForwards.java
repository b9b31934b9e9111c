package io.corral.sshproxy.access;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listening ports a user's {@code ssh -R} opened on the instance. The instance may
 * hand a connection back to the user only on one of these, and only while the grant
 * permits remote port forwarding.
 */
public final class RemoteForwards {

    /** A port listening on the instance, as the instance reports it. */
    public record Forward(String host, int port) {
    }

    private final Set<Forward> forwards = ConcurrentHashMap.newKeySet();

    public void add(Forward forward) {
        forwards.add(forward);
    }

    /** Whether {@code forward} was open (and is now forgotten). */
    public boolean remove(Forward forward) {
        return forwards.remove(forward);
    }

    /** Forgets and returns the forwards {@code permissions} no longer allow. */
    public List<Forward> withdrawnBy(Permissions permissions) {
        List<Forward> withdrawn = forwards.stream().filter(forward -> !allows(forward, permissions)).toList();
        forwards.removeAll(withdrawn);
        return withdrawn;
    }

    /**
     * Whether a connection the instance accepted on {@code forward} may be handed back to
     * the user.
     */
    public AccessDecision decideConnection(Forward forward, Permissions permissions) {
        if (!forwards.contains(forward)) {
            return AccessDecision.refuse("no remote port forwarding was asked for on this port");
        }
        return ChannelPolicy.decide(request(forward), permissions);
    }

    private static boolean allows(Forward forward, Permissions permissions) {
        return ChannelPolicy.decide(request(forward), permissions).allowed();
    }

    private static ChannelRequest request(Forward forward) {
        return new ChannelRequest.TcpipForward(forward.host(), forward.port());
    }

}
