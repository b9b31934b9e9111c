package io.corral.sshproxy.auth;

/** What ssh-auth-service answered to a login. */
public sealed interface AuthorizeOutcome {

    /** Access granted. */
    record Granted(Grant grant) implements AuthorizeOutcome {
    }

    /**
     * Refused (403) or throttled (429): {@code reason} is the machine-readable reason,
     * {@code message} the text for the user.
     */
    record Refused(int status, String reason, String message) implements AuthorizeOutcome {
    }

    /** No decision: ssh-auth-service could not be reached or answered {@code status}. */
    record Unavailable(int status, String detail) implements AuthorizeOutcome {
    }

    /** The outcome as the login metric counts it. */
    default String metricOutcome() {
        if (this instanceof Granted) {
            return "granted";
        }
        if (this instanceof Refused refused) {
            return refused.status() == 429 ? "throttled" : "refused";
        }
        return "error";
    }

}
