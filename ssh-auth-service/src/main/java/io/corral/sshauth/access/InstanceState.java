package io.corral.sshauth.access;

/** What became of the instance a login names, across the app's versions. */
public enum InstanceState {

    /** An instance at the index is running. */
    RUNNING,
    /** The index exists but its instance is not (yet, or no longer) running. */
    NOT_RUNNING,
    /**
     * An instance runs at the index but its version has no {@code diego-ssh} route: the
     * app was not pushed for SSH.
     */
    NO_SSH_ROUTE,
    /** No version of the app has an instance at the index. */
    NO_SUCH_INDEX

}
