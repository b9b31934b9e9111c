package io.corral.sshauth.credential;

import io.corral.sshauth.access.Caller;

/**
 * A user whose credential checked out. {@code token} is their bearer token when they
 * presented one (the delegation mode passes it on), null for a one-time code of ours; it
 * is never printed.
 */
public record VerifiedUser(Caller caller, String token) {

    @Override
    public String toString() {
        return "VerifiedUser[" + caller + "]";
    }

}
