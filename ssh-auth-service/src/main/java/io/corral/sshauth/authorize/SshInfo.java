package io.corral.sshauth.authorize;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/** The SSH endpoint data of Cloud Foundry's {@code /v2/info}. */
record SshInfo(@JsonInclude(Include.ALWAYS) String appSshEndpoint,
        @JsonInclude(Include.ALWAYS) String appSshHostKeyFingerprint,
        @JsonInclude(Include.ALWAYS) String appSshOauthClient) {
}
