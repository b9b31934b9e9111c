package io.corral.sshauth.access;

import java.util.Locale;

/**
 * Why a login is refused, as the proxy and the audit name it. The reasons from
 * {@link #SSH_DISABLED_PLATFORM} on are only told to callers with access to the app;
 * anyone else gets {@link #NOT_AUTHORIZED}, whether the app exists or not.
 */
public enum RefusalReason {

    INVALID_USERNAME("the user name must be cf:APP_GUID/INDEX or diego:PROCESS_GUID/INDEX"),
    INVALID_CREDENTIAL("the credential is not valid"), TOKEN_EXPIRED("the token has expired"),
    CODE_USED_OR_EXPIRED("the one-time code was already used or has expired"),
    NOT_AUTHORIZED("you are not authorized to access this instance"),
    SSH_DISABLED_PLATFORM("SSH is disabled on this platform"), SSH_DISABLED_SPACE("SSH is disabled for this space"),
    SSH_DISABLED_APP("SSH is disabled for this app"), NO_SUCH_INDEX("the app has no instance at this index"),
    INSTANCE_NOT_RUNNING("the instance is not running");

    private final String message;

    RefusalReason(String message) {
        this.message = message;
    }

    /** The machine-readable name: {@code ssh_disabled_space}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String message() {
        return message;
    }

}
