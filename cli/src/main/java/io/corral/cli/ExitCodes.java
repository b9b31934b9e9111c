package io.corral.cli;

/**
 * What {@code corral} exits with, so that scripts can tell failures apart
 * ({@code docs/cli.md}). {@code corral ssh} and {@code corral scp} exit with OpenSSH's
 * status once the client runs.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;

    /**
     * Wrong arguments or settings, a request the service refused as invalid (400, 409,
     * ...), or a local problem (no OpenSSH client).
     */
    public static final int USAGE = 1;

    /** What the command names does not exist (404 of a record). */
    public static final int NOT_FOUND = 2;

    /**
     * No token, or the service refused it: 401 (expired, foreign) or 403 (a scope is
     * missing).
     */
    public static final int AUTH = 3;

    /**
     * The service cannot be reached at its URL: nothing answers there, or what answers is
     * not that service.
     */
    public static final int UNREACHABLE = 4;

    /** The service failed or is unavailable (5xx). */
    public static final int SERVER_ERROR = 5;

    /**
     * {@code corral ssh} and {@code corral scp}: the login failed. OpenSSH's own status
     * for it, also when the SSH proxy's host key is not the one ssh-auth-service
     * publishes and OpenSSH is not run.
     */
    public static final int SSH_LOGIN_FAILED = 255;

    private ExitCodes() {
    }

}
