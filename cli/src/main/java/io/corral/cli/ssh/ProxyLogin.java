package io.corral.cli.ssh;

import io.corral.cli.CliFailure;
import io.corral.cli.ExitCodes;
import io.corral.cli.config.SshEndpoint;
import io.corral.cli.http.ServiceClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Logs in to the SSH proxy as {@code cf ssh} does: the proxy's host key checked against
 * the fingerprint ssh-auth-service publishes (unless skipped), then a one-time code from
 * ssh-auth-service ({@code POST /v1/ssh/codes} with the operator's token), given to
 * OpenSSH as the password. Answers OpenSSH's exit status.
 */
final class ProxyLogin {

    private ProxyLogin() {
    }

    /**
     * Runs the OpenSSH command that {@code command} makes of the options pinning the
     * proxy's host key (none when {@code checkHostKey} is false).
     */
    static int run(ServiceClient sshAuth, Processes processes, SshEndpoint proxy, boolean checkHostKey,
            Function<List<String>, List<String>> command) {
        try (LoginDirectory login = LoginDirectory.create()) {
            List<String> hostKeyOptions = checkHostKey ? ProxyHostKey.pin(sshAuth, proxy, login) : List.of();
            List<String> line = command.apply(hostKeyOptions);
            String code = sshAuth.send("POST", "/v1/ssh/codes", null, null).path("code").asString();
            return run(processes, line, login.environment(code));
        }
    }

    private static int run(Processes processes, List<String> command, Map<String, String> environment) {
        try {
            return processes.run(command, environment);
        }
        catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot run " + command.get(0) + ": " + e.getMessage()
                    + "\nInstall the OpenSSH client (Debian and Ubuntu: apt-get install openssh-client).");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.USAGE, command.get(0) + " was interrupted");
        }
    }

}
