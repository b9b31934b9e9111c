package io.corral.sshauth.access;

/** A login's outcome: granted with the permissions that apply, or refused with why. */
public sealed interface AccessDecision {

    record Granted(Permissions permissions) implements AccessDecision {
    }

    record Refused(RefusalReason reason) implements AccessDecision {
    }

    static AccessDecision refused(RefusalReason reason) {
        return new Refused(reason);
    }

}
