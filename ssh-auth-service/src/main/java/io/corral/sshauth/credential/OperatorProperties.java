package io.corral.sshauth.credential;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code diego:PROCESS_GUID/INDEX} logins, for operators.
 *
 * @param credential the password that opens them; unset (the default), no {@code diego:}
 * login succeeds. A secret: give it through the environment
 * ({@code CORRAL_SSH_OPERATOR_CREDENTIAL}), never on a command line.
 */
@ConfigurationProperties("corral.ssh.operator")
public record OperatorProperties(String credential) {

    @Override
    public String toString() {
        return "OperatorProperties[credential=" + (credential == null ? "unset" : "set") + "]";
    }

}
