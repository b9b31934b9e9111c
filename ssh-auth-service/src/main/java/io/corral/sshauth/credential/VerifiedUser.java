package io.corral.sshauth.credential;

import io.corral.sshauth.access.Caller;

/**
 * A user whose credential checked out. {@code token} is their bearer token when they
 * presented one, or one of our one-time codes issued in delegation mode (which passes it
 * on), else null; it is never printed.
 */
public record VerifiedUser(Caller caller, String token) {

    @Override
    public String toString() {
        return "VerifiedUser[" + caller + "]";
    }

}
