package io.corral.cell.container;

/**
 * Diego's in-container SSH daemon, which a Cloud Controller runs beside every app that
 * may be reached by SSH
 * ({@code /tmp/lifecycle/diego-sshd -hostKey=... -authorizedKey=...}). This agent serves
 * that SSH itself, with the run's keys: the run starts no process.
 */
public final class DiegoSshd {

    private static final String PATH_SUFFIX = "/diego-sshd";

    private DiegoSshd() {
    }

    /** Whether a {@code run} action's path is the daemon's. */
    public static boolean isDaemon(String path) {
        return path.endsWith(PATH_SUFFIX);
    }

}
