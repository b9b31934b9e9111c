package io.corral.sshproxy.server;

import io.corral.sshproxy.access.AccessDecision;
import io.corral.sshproxy.access.ChannelPolicy;
import io.corral.sshproxy.access.Permissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A session's relayed channels and the permissions they are held to. A channel is allowed
 * when it is asked for but registered only once its relay exists, a moment later: a
 * change of permissions in between is applied when it registers, so every relay the new
 * permissions refuse is withdrawn, once, however the two interleave.
 */
final class Relays {

    private final Set<Relay> live = new HashSet<>();

    private Permissions permissions;

    Relays(Permissions permissions) {
        this.permissions = permissions;
    }

    /** Registers {@code relay}; false when it was withdrawn at once, refused by now. */
    boolean add(Relay relay) {
        AccessDecision decision;
        synchronized (this) {
            decision = ChannelPolicy.decide(relay.request(), permissions);
            if (decision.allowed()) {
                live.add(relay);
            }
        }
        if (!decision.allowed()) {
            withdraw(relay, decision);
        }
        return decision.allowed();
    }

    synchronized void remove(Relay relay) {
        live.remove(relay);
    }

    /** Holds the relays to {@code changed}, withdrawing those it refuses. */
    void permissionsChanged(Permissions changed) {
        List<Relay> current;
        synchronized (this) {
            permissions = changed;
            current = List.copyOf(live);
        }
        for (Relay relay : current) {
            AccessDecision decision = ChannelPolicy.decide(relay.request(), changed);
            if (!decision.allowed()) {
                withdraw(relay, decision);
            }
        }
    }

    /** Withdraws every relay, telling its user {@code message}. */
    void withdrawAll(String message) {
        List<Relay> current;
        synchronized (this) {
            current = List.copyOf(live);
        }
        current.forEach(relay -> relay.withdraw(message));
    }

    private static void withdraw(Relay relay, AccessDecision refused) {
        relay.withdraw("access withdrawn: " + refused.refusal());
    }

}
