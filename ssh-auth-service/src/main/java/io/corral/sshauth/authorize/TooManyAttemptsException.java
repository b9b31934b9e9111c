package io.corral.sshauth.authorize;

import java.time.Duration;

/** Too many failed logins for this user name or client address. */
class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super("too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

}
