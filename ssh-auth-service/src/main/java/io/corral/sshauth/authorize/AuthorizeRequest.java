package io.corral.sshauth.authorize;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A login a proxy asks about. {@code password} is a credential: never printed. OpenSSH's
 * passwords stop near 1 KiB; a bearer token sent by the files endpoint may be longer.
 */
record AuthorizeRequest(@NotNull @Size(max = 512) String username, @NotNull @Size(max = 16_384) String password,
        @NotNull @Size(min = 1, max = 255) String clientAddress) {

    @Override
    public String toString() {
        return "AuthorizeRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
    }

}
