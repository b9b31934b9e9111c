package io.corral.sshauth.access;

/** A login refused for {@code reason}, thrown from wherever the reason is found. */
public class RefusedException extends RuntimeException {

    private final RefusalReason reason;

    public RefusedException(RefusalReason reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }

}
