package io.corral.sshproxy.access;

import java.util.Optional;

/**
 * The answer to a {@link ChannelRequest}: allowed (and whether doing it taints the
 * instance, with the reason reported), or refused with a message for the user.
 */
public record AccessDecision(boolean allowed, String refusal, Optional<Taint> taint) {

    /** Why an instance is no longer what was pushed. */
    public enum Taint {

        SHELL("shell"), FILE_WRITE("file_write");

        private final String reason;

        Taint(String reason) {
            this.reason = reason;
        }

        /** The reason as ssh-auth-service's taint endpoint names it. */
        public String reason() {
            return reason;
        }

    }

    public static AccessDecision allow() {
        return new AccessDecision(true, null, Optional.empty());
    }

    public static AccessDecision allowTainting(Taint taint) {
        return new AccessDecision(true, null, Optional.of(taint));
    }

    public static AccessDecision refuse(String message) {
        return new AccessDecision(false, message, Optional.empty());
    }

}
